/**
 * A browsable API reference rendered in the page from /api/v1/openapi.json. Swagger UI and
 * similar load their assets from a CDN, which self-hosted installs often cannot reach, so
 * this is a small self-contained page instead.
 */
export const DOCS_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Tailor API</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}main{max-width:980px;margin:0 auto;padding:16px 24px}
.op{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:10px 0;padding:10px 14px}
.m{display:inline-block;min-width:58px;font-weight:600;text-transform:uppercase}.get{color:#0a7}.post{color:#06c}.patch{color:#b70}.delete{color:#c33}
code,pre{font:12px/1.4 ui-monospace,monospace}pre{background:#f3f4f6;padding:8px;overflow:auto;border-radius:4px}
h2{margin-top:28px;border-bottom:1px solid #dde1e7}details summary{cursor:pointer}
</style></head><body><header><b>Tailor API</b> · <a style="color:#9cf" href="/api/v1/openapi.json">openapi.json</a></header>
<main id="root">Loading…</main>
<script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  const byTag={};
  for(const [path,ops] of Object.entries(doc.paths||{}))for(const [m,op] of Object.entries(ops)){
    const tag=(op.tags&&op.tags[0])||'Other';(byTag[tag]=byTag[tag]||[]).push({path,m,op});}
  let html='<p>'+esc(doc.info.description||'')+'</p>';
  for(const [tag,ops] of Object.entries(byTag)){html+='<h2>'+esc(tag)+'</h2>';
    for(const {path,m,op} of ops){
      const params=(op.parameters||[]).map(p=>'<li><code>'+esc(p.name)+'</code> ('+esc(p.in)+(p.required?', required':'')+') '+esc(p.description||'')+'</li>').join('');
      const body=op.requestBody?'<details><summary>Request body</summary><pre>'+esc(JSON.stringify(op.requestBody.content['application/json'].schema,null,2))+'</pre></details>':'';
      const res=Object.entries(op.responses||{}).map(([s,r])=>'<li><b>'+esc(s)+'</b> '+esc(r.description||'')+'</li>').join('');
      html+='<div class="op"><span class="m '+m+'">'+m+'</span> <code>'+esc(path)+'</code> — '+esc(op.summary||'')+(params?'<ul>'+params+'</ul>':'')+body+'<ul>'+res+'</ul></div>';}}
  html+='<h2>Schemas</h2>'+Object.entries((doc.components||{}).schemas||{}).map(([n,s])=>'<details><summary>'+esc(n)+'</summary><pre>'+esc(JSON.stringify(s,null,2))+'</pre></details>').join('');
  document.getElementById('root').innerHTML=html;});
</script></body></html>`;
