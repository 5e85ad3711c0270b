import {
  parseAddress,
  parseHouse,
  parseStreet,
  normalizeLocality,
  type House,
  type StreetKey,
} from '../../enrich/geocode/normalize';
import { checkCoordinates, parseNumberCell, type Bbox } from '../coordinates';
import { columnOf, readField as read, str } from '../fields';
import type { SourceRecord } from '../readers';
import type { AddressMapping } from './mapping';
import { rejectedRow, RowReject } from '../rowReject';

/** A gazetteer entry after mapping, validation and normalisation. */
export interface AddressDraft {
  /** The gazetteer's id of the entry (mapping field external_id); null when the row has none. */
  externalId: string | null;
  /** The address as written (or assembled from locality, street and house). */
  text: string;
  localityLabel: string;
  /** Normalised locality; '' when neither the row nor the mapping names one. */
  localityKey: string;
  streetName: string;
  street: StreetKey;
  houseLabel: string;
  house: House | null;
  lat: number;
  lon: number;
  coordinatesSwapped: boolean;
}

export type AddressMapResult = { ok: true; draft: AddressDraft } | { ok: false; reason: string };

function coordinatesOf(rec: SourceRecord, m: AddressMapping, region: Bbox | undefined) {
  let lat = parseNumberCell(read(rec, m.fields.lat));
  let lon = parseNumberCell(read(rec, m.fields.lon));
  if (m.coordinates) {
    const raw = str(rec.values[m.coordinates.column]);
    const parts = raw
      .replace(/[()[\]\s]/g, '')
      .split(',')
      .filter(Boolean);
    if (parts.length === 2) {
      const [a, b] = parts.map(parseNumberCell);
      [lat, lon] = m.coordinates.order === 'lat,lon' ? [a ?? null, b ?? null] : [b ?? null, a ?? null];
    } else if (parts.length) {
      throw new RowReject(`column "${m.coordinates.column}": expected two numbers, got "${raw}"`);
    }
  }
  if (lat === null && lon === null && rec.geometry) {
    const g = rec.geometry;
    if (g.type !== 'Point' || g.coordinates.length < 2)
      throw new RowReject(`invalid geometry: expected a Point, got ${g.type}`);
    [lon, lat] = g.coordinates.map((c) => (Number.isFinite(c) ? c : NaN)) as [number, number];
  }
  const c = checkCoordinates(lat, lon, region, m.swap_coordinates);
  if (c.kind === 'reject') throw new RowReject(c.reason);
  if (c.kind === 'missing')
    throw new RowReject('no coordinates: a gazetteer entry needs lat/lon (or a Point geometry)');
  return c;
}

/**
 * Maps, validates and normalises one gazetteer record. Separate street and house columns win over what the text
 * says; a constant locality in the mapping names the town the whole file covers. Never throws for a bad row.
 */
export function mapAddressRecord(
  rec: SourceRecord,
  m: AddressMapping,
  region?: Bbox,
  idRequired = m.fields.external_id !== undefined,
): AddressMapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  try {
    const externalId = read(rec, m.fields.external_id) || null;
    if (!externalId && idRequired)
      throw new RowReject(`column "${columnOf(m.fields.external_id, 'external_id')}": the external id is empty`);
    const textRaw = read(rec, m.fields.text);
    const localityRaw = read(rec, m.fields.locality);
    const streetRaw = read(rec, m.fields.street);
    const houseRaw = read(rec, m.fields.house);
    if (!textRaw && !streetRaw)
      throw new RowReject(`column "${columnOf(m.fields.text ?? m.fields.street, 'text')}": the address is empty`);
    const parsed = parseAddress(textRaw);
    const street = (streetRaw ? parseStreet(streetRaw) : null) ?? (streetRaw ? null : parsed.street);
    if (!street) {
      const what = streetRaw
        ? `column "${columnOf(m.fields.street, 'street')}": no street name in "${streetRaw}"`
        : `no street in the address "${textRaw}"`;
      throw new RowReject(what);
    }
    let house = parsed.house;
    if (houseRaw) {
      house = parseHouse(houseRaw);
      if (!house)
        throw new RowReject(
          `column "${columnOf(m.fields.house, 'house')}": cannot read a house number in "${houseRaw}"`,
        );
    }
    const { lat, lon, swapped } = coordinatesOf(rec, m, region);
    const localityKey = localityRaw ? normalizeLocality(localityRaw) : (parsed.locality ?? '');
    const text = textRaw || [localityRaw, streetRaw, houseRaw].filter(Boolean).join(', ');
    return {
      ok: true,
      draft: {
        externalId,
        text,
        localityKey,
        localityLabel: localityRaw || localityKey,
        streetName: streetRaw || `${street.type ? `${street.type} ` : ''}${street.core}`,
        street,
        houseLabel: houseRaw || (house?.key ?? ''),
        house,
        lat,
        lon,
        coordinatesSwapped: swapped,
      },
    };
  } catch (e) {
    return rejectedRow(e);
  }
}
