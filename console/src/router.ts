import { useMemo, useSyncExternalStore } from 'react';

/** The console's pages. The hash keeps the server's job to "serve index.html at /". */
export type Route =
  | { name: 'login' }
  | { name: 'profiles' }
  | { name: 'profile'; id: string }
  | { name: 'ingest' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [head, id] = parts;
  if (head === 'login') return { name: 'login' };
  if (head === 'ingest') return { name: 'ingest' };
  if (head === 'profiles' && id !== undefined) return { name: 'profile', id: safeDecode(id) };
  return { name: 'profiles' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'profiles':
      return '#/profiles';
    case 'profile':
      return `#/profiles/${encodeURIComponent(route.id)}`;
    case 'ingest':
      return '#/ingest';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
