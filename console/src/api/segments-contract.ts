/**
 * The JSON shapes of the segmentation API (segments, schema, models, lists), as the console reads
 * them. The definition language and the model settings are the server's own types (type-only
 * imports, erased from the bundle); the few value lists the console needs at run time are copied
 * here and checked against the server's with `satisfies`, so adding a value there fails the build.
 */
import type {
  Definition,
  Duration,
  ModelName,
  Node,
  PropertyFilter,
  COMPUTED_TRAITS as SERVER_COMPUTED_TRAITS,
  MODEL_VALUES as SERVER_MODEL_VALUES,
  Window,
} from '../../../src/segments/dsl.js';
import type { ModelSettings } from '../../../src/segments/models/model-settings.js';
import type { ProfileSummary } from './api-contract.js';

export type { Definition, Duration, ModelName, ModelSettings, Node, PropertyFilter, Window };
export type NodeType = Node['type'];

export const MODEL_VALUES = {
  rfm_grid: [
    'champions',
    'loyal_customers',
    'potential_loyalists',
    'new_customers',
    'promising',
    'need_attention',
    'about_to_sleep',
    'at_risk',
    'cant_lose_them',
    'hibernating',
    'lost',
  ],
  rfm_cn8: [
    'important_value',
    'important_development',
    'important_retention',
    'important_recovery',
    'general_value',
    'general_development',
    'general_retention',
    'general_recovery',
  ],
  lifecycle: ['prospect', 'new', 'active', 'loyal', 'at_risk', 'churned', 'won_back'],
  activity: ['high', 'medium', 'low', 'dormant'],
  spending: ['high', 'medium', 'low'],
} as const satisfies typeof SERVER_MODEL_VALUES;
export const MODEL_NAMES = Object.keys(MODEL_VALUES) as ModelName[];

export const COMPUTED_TRAITS = [
  'first_seen',
  'last_seen',
  'event_count',
  'active_days_30',
  'order_count',
  'total_spend',
  'avg_order_value',
  'first_order_at',
  'last_order_at',
  'days_since_last_order',
] as const satisfies typeof SERVER_COMPUTED_TRAITS;

export interface Segment {
  id: string;
  name: string;
  description: string;
  definition: Definition;
  version: number;
  createdAt: string;
  updatedAt: string;
  size: number;
  /** Model segments (`lifecycle:new`) are kept by Tailor and cannot be edited or deleted. */
  kind: 'segment' | 'model';
}

export interface SegmentInput {
  name: string;
  description?: string;
  definition: Definition;
}

export interface SegmentPreview {
  size: number;
  /** All profiles of the workspace, to put `size` in proportion. */
  profiles: number;
  /** Profile ids. */
  sample: string[];
}

export interface SegmentMembers {
  members: ProfileSummary[];
  nextCursor: string | null;
}

export interface SizePoint {
  at: string;
  size: number;
}

export interface ProfileSegments {
  profileId: string;
  segments: { id: string; name: string; kind: 'segment' | 'model' }[];
  /** Oldest first. */
  history: { segmentId: string; name: string; at: string; change: 'entered' | 'exited' }[];
}

export interface SchemaEvent {
  name: string;
  count: number;
  lastSeen: string;
}

/** A trait or event property seen in ingested data, with its JSON types and a few example values. */
export interface SchemaField {
  name: string;
  types: string[];
  examples: string[];
}

/** An interest category seen on interest events, with how often it was seen in a recent sample. */
export interface SchemaCategory {
  name: string;
  count: number;
}

export interface ModelsConfig {
  settings: ModelSettings;
  /** The profile settings the models read orders, revenue and interests from. */
  profileSettings: {
    orderEvents: string[];
    revenueProperties: string[];
    interestEvents: string[];
    categoryProperty: string;
  };
}

export interface GroupCount<Id extends string = string> {
  id: Id;
  count: number;
}

export interface RfmReport {
  computedAt: string | null;
  customers: number;
  averages: { recencyDays: number; frequency: number; monetary: number };
  cells: { r: number; f: number; count: number; avgSpend: number }[];
  grid: (GroupCount<(typeof MODEL_VALUES.rfm_grid)[number]> & { avgSpend: number })[];
  classes: (GroupCount<(typeof MODEL_VALUES.rfm_cn8)[number]> & { avgSpend: number })[];
}

export interface LifecycleReport {
  stages: GroupCount<(typeof MODEL_VALUES.lifecycle)[number]>[];
  /** Changes of stage in the period; `from: null` is a profile's first stage. */
  flows: { from: string | null; to: string; count: number }[];
}

export interface DistributionReport {
  activity: GroupCount<(typeof MODEL_VALUES.activity)[number]>[];
  spending: GroupCount<(typeof MODEL_VALUES.spending)[number]>[];
}

export interface List {
  id: string;
  name: string;
  description: string;
  size: number;
  /** Ids given that matched no profile (yet). */
  unmatched: number;
  createdAt: string;
  updatedAt: string;
}

export interface ListMembersResult {
  list: List;
  matched: number;
  /** The first 100 ids that matched no profile. */
  unmatched: string[];
}

export type ListMembersMode = 'replace' | 'append';
