import { useMemo, useSyncExternalStore } from 'react';

/** The console's pages. The hash keeps the server's job to "serve index.html at /". */
export type Route =
  | { name: 'login' }
  | { name: 'profiles' }
  | { name: 'profile'; id: string }
  | { name: 'ingest' }
  | { name: 'segments' }
  | { name: 'segmentNew' }
  | { name: 'segment'; id: string }
  | { name: 'segmentEdit'; id: string }
  | { name: 'lists' }
  | { name: 'models' }
  | { name: 'settings' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [head, id, action] = parts;
  if (head === 'login') return { name: 'login' };
  if (head === 'ingest') return { name: 'ingest' };
  if (head === 'lists') return { name: 'lists' };
  if (head === 'models') return { name: 'models' };
  if (head === 'settings') return { name: 'settings' };
  if (head === 'profiles' && id !== undefined) return { name: 'profile', id: safeDecode(id) };
  if (head === 'segments') {
    if (id === undefined) return { name: 'segments' };
    if (id === 'new') return { name: 'segmentNew' };
    if (action === 'edit') return { name: 'segmentEdit', id: safeDecode(id) };
    return { name: 'segment', id: safeDecode(id) };
  }
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
    case 'segments':
      return '#/segments';
    case 'segmentNew':
      return '#/segments/new';
    case 'segment':
      return `#/segments/${encodeURIComponent(route.id)}`;
    case 'segmentEdit':
      return `#/segments/${encodeURIComponent(route.id)}/edit`;
    case 'lists':
      return '#/lists';
    case 'models':
      return '#/models';
    case 'settings':
      return '#/settings';
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
