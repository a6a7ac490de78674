import { isoTime } from './iso-time.js';
import type { Rng } from './prng.js';

/** One Segment message object (identify, track or page), ready to be sent to the HTTP API. */
export type DemoMessage = Record<string, unknown>;

export const LIBRARY = Object.freeze({ name: 'tailor-demo', version: '1' });

/** A browser or phone. Its context objects are frozen and shared by all of its messages. */
export interface Device {
  anonymousId: string;
  /** library, locale, ip: sent with every client-side message. */
  context: Readonly<Record<string, unknown>>;
  /** The same plus userAgent; sent only with page and identify, to keep 20 M events small. */
  pageContext: Readonly<Record<string, unknown>>;
}

export function makeDevice(anonymousId: string, locale: string, ip: string, userAgent: string): Device {
  return {
    anonymousId,
    context: Object.freeze({ library: LIBRARY, locale, ip }),
    pageContext: Object.freeze({ library: LIBRARY, locale, ip, userAgent }),
  };
}

const SERVER_CONTEXT = Object.freeze({ library: LIBRARY });

/**
 * Appends one user's messages in time order. The clock only moves forward and never passes
 * `last`, so a user's timestamps are non-decreasing and inside the window by construction.
 */
export class MessageWriter {
  readonly messages: DemoMessage[] = [];
  /** Set by the signup identify; messages before it are anonymous. */
  userId: string | undefined;
  device: Device;
  private n = 0;
  private clock: number;
  private readonly prefix: string;
  private readonly last: number;

  constructor(seed: number, index: number, device: Device, start: number, last: number) {
    this.prefix = `demo-${seed}-${index}-`;
    this.device = device;
    this.clock = start;
    this.last = last;
  }

  get now(): number {
    return this.clock;
  }

  /** Jumps to `t` (or stays put, when `t` is in the past). */
  at(t: number): void {
    this.clock = Math.min(Math.max(Math.floor(t), this.clock), this.last);
  }

  /** A shopper's pause between two clicks: a few seconds to a couple of minutes. */
  pause(rng: Rng, maxSeconds = 90): void {
    this.at(this.clock + 3000 + Math.floor(rng.next() * maxSeconds * 1000));
  }

  private base(type: string, server: boolean): DemoMessage {
    const m: DemoMessage = {
      type,
      messageId: this.prefix + this.n++,
      timestamp: isoTime(this.clock),
    };
    if (this.userId !== undefined) m.userId = this.userId;
    if (!server) m.anonymousId = this.device.anonymousId;
    return m;
  }

  page(name: string, properties: Record<string, unknown>): void {
    const m = this.base('page', false);
    m.name = name;
    m.properties = properties;
    m.context = this.device.pageContext;
    this.messages.push(m);
  }

  track(event: string, properties: Record<string, unknown>): void {
    const m = this.base('track', false);
    m.event = event;
    m.properties = properties;
    m.context = this.device.context;
    this.messages.push(m);
  }

  /** A track sent by the shop's backend: it knows the userId but not the browser. */
  serverTrack(event: string, properties: Record<string, unknown>): void {
    const m = this.base('track', true);
    m.event = event;
    m.properties = properties;
    m.context = SERVER_CONTEXT;
    this.messages.push(m);
  }

  identify(userId: string, traits: Record<string, unknown> | undefined): void {
    this.userId = userId;
    const m = this.base('identify', false);
    if (traits !== undefined) m.traits = traits;
    m.context = this.device.pageContext;
    this.messages.push(m);
  }
}
