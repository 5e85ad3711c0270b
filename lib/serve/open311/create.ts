import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../../db';
import { open311AppealId } from '../../../db/queries/open311';
import { TOPICS } from '../../domain/vocab';
import { importOne } from '../../ingest/appeals/submitAppeal';
import { channelSynonym } from '../../ingest/channels';
import { appealMappingSchema, parseMapping } from '../../ingest/mapping';

const OPEN311_CHANNELS: readonly string[] = ['app', 'web', 'bot', 'hotline', 'portal', 'other'];

/** POST requests: service_code and a location (lat+long or address_string) are required, as in the spec. */
export const createSchema = z
  .object({
    service_code: z.enum(TOPICS),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: z.string().max(500).optional(),
    description: z.string().max(5000).optional(),
    email: z.string().max(200).optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    phone: z.string().max(50).optional(),
    // One of these channels by name or by a built-in synonym (phone, звонок, сайт, iOS …: lib/ingest/channels.ts).
    'extended_attributes[channel]': z
      .string()
      .max(100)
      .refine(
        (v) => OPEN311_CHANNELS.includes(channelSynonym(v) ?? ''),
        'not a channel: app, web, bot, hotline, portal or other (or a synonym such as phone)',
      )
      .optional(),
  })
  .refine((b) => (b.lat !== undefined && b.long !== undefined) || !!b.address_string, {
    message: 'a location is required: lat and long, or address_string',
    params: { key: 'open311.location_required' },
  });

const mapping = parseMapping(
  appealMappingSchema,
  {
    source: 'open311_api',
    source_name: 'Open311 GeoReport v2 (POST)',
    fields: {
      external_id: 'external_id',
      created_at: 'created_at',
      topic: 'topic',
      text: 'text',
      address: 'address',
      lat: 'lat',
      lon: 'lon',
      author: 'author',
      channel: 'channel',
    },
  },
  'open311',
);

/** Creates a request; the author's name/contact go through the importer's pseudonymisation like any source. */
export async function createRequest(db: Database, body: z.infer<typeof createSchema>): Promise<number> {
  const externalId = randomUUID();
  const author = [body.first_name, body.last_name, body.email, body.phone].filter(Boolean).join(' ') || undefined;
  await importOne(db, mapping, {
    external_id: externalId,
    created_at: new Date().toISOString(),
    topic: body.service_code,
    text: body.description ?? '',
    address: body.address_string,
    lat: body.lat,
    lon: body.long,
    author,
    channel: body['extended_attributes[channel]'] ?? 'app',
  });
  return open311AppealId(db, externalId);
}
