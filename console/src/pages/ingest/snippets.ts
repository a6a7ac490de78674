/**
 * Copy-paste code that points Segment's own SDKs at this Tailor server. Tailor implements Segment's
 * tracking API under `/v1`, so only the host changes.
 */

export const WRITE_KEY_PLACEHOLDER = 'YOUR_WRITE_KEY';

export interface Snippet {
  id: 'node' | 'browser' | 'curl';
  code: string;
}

export function sdkSnippets(origin: string, writeKey: string): Snippet[] {
  const url = new URL(origin);
  const protocol = url.protocol.replace(':', '');
  return [
    {
      id: 'node',
      code: `import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({
  writeKey: '${writeKey}',
  host: '${url.origin}',
});

analytics.identify({ userId: 'u1', traits: { email: 'ada@example.com' } });
analytics.track({ userId: 'u1', event: 'Signed Up' });`,
    },
    {
      // analytics-next would fetch its settings from Segment's CDN; inline settings skip that, and
      // `apiHost` (host and path, no scheme) sends the events here instead of api.segment.io.
      id: 'browser',
      code: `import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load({
  writeKey: '${writeKey}',
  cdnSettings: {
    integrations: {
      'Segment.io': {
        apiKey: '${writeKey}',
        apiHost: '${url.host}/v1',
        protocol: '${protocol}',
      },
    },
  },
});

analytics.track('Signed Up');`,
    },
    {
      id: 'curl',
      code: `curl -u ${writeKey}: \\
  -H 'Content-Type: application/json' \\
  -d '{"userId":"u1","event":"Signed Up"}' \\
  ${url.origin}/v1/track`,
    },
  ];
}
