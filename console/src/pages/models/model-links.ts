import type { ModelName } from '../../api/segments-contract.js';
import { hrefFor } from '../../router.js';

/** The member page of a model group, kept by Tailor as the segment `<model>:<value>`. */
export function groupHref(model: ModelName, value: string): string {
  return hrefFor({ name: 'segment', id: `${model}:${value}` });
}
