import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type {
  List,
  SchemaCategory,
  SchemaEvent,
  SchemaField,
  Segment,
} from '../../../api/segments-contract.js';
import { useI18n } from '../../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../../session/session-context.js';

/**
 * What the builder's pickers offer: the events, traits, event properties and interest categories
 * actually ingested, and the segments and lists a condition can refer to. Suggestions only: a
 * name not seen yet can still be typed, and a failed look-up leaves the pickers empty rather
 * than blocking the editor.
 */
interface BuilderSchema {
  events: SchemaEvent[];
  traits: SchemaField[];
  /** Most frequent first. */
  categories: SchemaCategory[];
  segments: Segment[];
  lists: List[];
  /** The segment being edited, which cannot refer to itself. */
  selfId: string | null;
  /** `<datalist>` ids for event and trait names and categories, rendered once by the provider. */
  eventListId: string;
  traitListId: string;
  categoryListId: string;
  properties: ReadonlyMap<string, SchemaField[]>;
  requestProperties(event: string): void;
}

const BuilderSchemaContext = createContext<BuilderSchema | null>(null);

export function BuilderSchemaProvider({ selfId, children }: { selfId: string | null; children: ReactNode }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [events, setEvents] = useState<SchemaEvent[]>([]);
  const [traits, setTraits] = useState<SchemaField[]>([]);
  const [categories, setCategories] = useState<SchemaCategory[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [lists, setLists] = useState<List[]>([]);
  const [properties, setProperties] = useState<ReadonlyMap<string, SchemaField[]>>(new Map());
  const requested = useRef(new Set<string>());
  const id = useId();

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const ignore = () => {};
    api.schemaEvents(signal).then((r) => setEvents(r.events), ignore);
    api.schemaTraits(signal).then((r) => setTraits(r.traits), ignore);
    api.schemaCategories(signal).then((r) => setCategories(r.categories), ignore);
    api.listSegments(false, signal).then((r) => setSegments(r.segments), ignore);
    api.listLists(signal).then((r) => setLists(r.lists), ignore);
    return () => controller.abort();
  }, [api]);

  const requestProperties = useCallback(
    (event: string) => {
      if (requested.current.has(event)) return;
      requested.current.add(event);
      api.eventProperties(event).then(
        (r) => setProperties((m) => new Map(m).set(event, r.properties)),
        () => setProperties((m) => new Map(m).set(event, [])),
      );
    },
    [api],
  );

  const value: BuilderSchema = {
    events,
    traits,
    categories,
    segments,
    lists,
    selfId,
    eventListId: `${id}-events`,
    traitListId: `${id}-traits`,
    categoryListId: `${id}-categories`,
    properties,
    requestProperties,
  };
  return (
    <BuilderSchemaContext.Provider value={value}>
      <datalist id={value.eventListId}>
        {events.map((e) => (
          <option key={e.name} value={e.name} />
        ))}
      </datalist>
      <datalist id={value.traitListId}>
        {traits.map((trait) => (
          <option key={trait.name} value={trait.name} />
        ))}
      </datalist>
      <datalist id={value.categoryListId}>
        {categories.map((c) => (
          <option
            key={c.name}
            value={c.name}
            label={t('builder.categorySeen', { count: fmt.number(c.count) })}
          />
        ))}
      </datalist>
      {children}
    </BuilderSchemaContext.Provider>
  );
}

export function useBuilderSchema(): BuilderSchema {
  const schema = useContext(BuilderSchemaContext);
  if (schema === null) throw new Error('useBuilderSchema must be used inside <BuilderSchemaProvider>');
  return schema;
}

/** The properties seen on `event`, loaded the first time a known event is picked. */
export function useEventProperties(event: string): SchemaField[] {
  const { events, properties, requestProperties } = useBuilderSchema();
  const known = events.some((e) => e.name === event);
  useEffect(() => {
    if (known) requestProperties(event);
  }, [known, event, requestProperties]);
  return properties.get(event) ?? [];
}
