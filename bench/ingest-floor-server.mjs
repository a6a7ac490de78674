// The floor of bench/ingest-floor.ts: the least an ingest server must do per request, with no
// stores. Reads the body, parses the JSON, turns each event's properties, traits and context
// back into JSON text (what goes to the stores), appends the result to a file, and answers
// once it is fdatasync'd, group-committed as Tailor's spool does.
import fs from 'node:fs';
import http from 'node:http';

const [file, mode = 'full'] = process.argv.slice(2);
const fd = fs.openSync(file, 'w');
let queue = [];
let flushing = false;

function flush() {
  if (flushing || queue.length === 0) return;
  flushing = true;
  const batch = queue;
  queue = [];
  fs.writev(
    fd,
    batch.map((p) => p.data),
    (err) => {
      if (err) throw err;
      fs.fdatasync(fd, (e) => {
        if (e) throw e;
        for (const p of batch) p.done();
        flushing = false;
        flush();
      });
    },
  );
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    let data = raw;
    let accepted = 0;
    if (mode !== 'raw') {
      const { batch } = JSON.parse(raw.toString('utf8'));
      let text = '';
      for (const m of batch) {
        text += `${JSON.stringify(m.properties ?? {})}\t${JSON.stringify(m.traits ?? {})}\t${JSON.stringify(m.context ?? {})}\n`;
      }
      data = Buffer.from(text);
      accepted = batch.length;
    }
    queue.push({
      data,
      done: () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ success: true, accepted }));
      },
    });
    flush();
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
