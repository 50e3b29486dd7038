/**
 * Trace records: what a run did, in order. Serialised as NDJSON by `flotilla run --json`
 * (the record shapes are documented in README.md). Every record has the simulated time `t` in ms.
 */
export interface EventRecord {
  t: number;
  type: 'event';
  eventType: 'Normal' | 'Warning';
  reason: string;
  /** `kind/name`, as kubectl prints the involved object. */
  object: string;
  namespace?: string;
  message: string;
  source: string;
  count: number;
}

export interface NarrationRecord {
  t: number;
  type: 'say';
  text: string;
}

export interface ActionRecord {
  t: number;
  type: 'action';
  action: string;
  [field: string]: unknown;
}

export interface GenericRecord {
  t: number;
  type: string;
  [field: string]: unknown;
}

export type TraceRecord = EventRecord | NarrationRecord | ActionRecord | GenericRecord;
