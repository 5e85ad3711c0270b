import { XMLBuilder } from 'fast-xml-parser';
import { TOPIC_LABELS, TOPICS, type Topic } from '../../domain/vocab';
import { textFor } from '../../privacy/redact';

/** GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2): what our services and appeals look like there. */
export interface GeoRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
  extended_attributes: { channel: string };
}

export function services() {
  return TOPICS.map((t) => ({
    service_code: t,
    service_name: TOPIC_LABELS[t].ru,
    description: TOPIC_LABELS[t].en,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: 'ЦУР',
  }));
}

export interface AppealRow {
  id: number;
  status: string;
  topic: string;
  text: string | null;
  agency: string | null;
  created_at: Date;
  updated_at: Date | null;
  closed_at: Date | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  channel: string;
}

/** Our five statuses fold into GeoReport's two. */
export const openStatuses = ['new', 'in_progress'];

/** One appeal as a GeoReport request; the description keeps contacts only when `contacts` (mayReadContacts). */
export function toGeoRequest(a: AppealRow, contacts: boolean): GeoRequest {
  const updated = a.closed_at ?? a.updated_at;
  return {
    service_request_id: String(a.id),
    status: openStatuses.includes(a.status) ? 'open' : 'closed',
    status_notes: null,
    service_name: TOPIC_LABELS[a.topic as Topic]?.ru ?? a.topic,
    service_code: a.topic,
    description: textFor(contacts, a.text),
    agency_responsible: a.agency,
    service_notice: null,
    requested_datetime: new Date(a.created_at).toISOString(),
    updated_datetime: updated ? new Date(updated).toISOString() : null,
    expected_datetime: null,
    address: a.address,
    address_id: null,
    zipcode: null,
    lat: a.lat,
    long: a.lon,
    media_url: null,
    extended_attributes: { channel: a.channel },
  };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });

/** The spec's XML: a root element holding one element per item; nulls become empty elements. */
export function toXml(root: string, item: string, items: object[]): string {
  const clean = items.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? '' : v])));
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: { [item]: clean } })}`;
}

/** Errors as the spec writes them: [{code, description}] or <errors><error>…</error></errors>. */
export function errorBody(format: 'json' | 'xml', code: number, description: string): string {
  return format === 'json'
    ? JSON.stringify([{ code, description }])
    : toXml('errors', 'error', [{ code, description }]);
}
