import type {
  FillLayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { COUNT_RAMP } from '@/lib/render/colorScale';
import type { Bbox } from '@/lib/render/bbox';
import { cellFillOpacity } from '@/lib/render/layerStyles';

export const HEX_SOURCE = 'hexagons';
export const HEX_LAYER = 'hexagons';
export const HEX_OUTLINE_LAYER = 'hexagons-outline';
export const MUNICIPALITY_SOURCE = 'boundaries';
export const MUNICIPALITY_LINE_LAYER = 'boundaries-line';
export const MUNICIPALITY_LABEL_LAYER = 'boundaries-label';
export const REGION_SOURCE = 'regions';
export const REGION_LINE_LAYER = 'regions-line';

/** Whole Russia, for when the data has no extent yet. */
export const RUSSIA_BOUNDS: Bbox = [19.6, 41.2, 180, 81.9];

/** The style used without a basemap: a plain background, nothing fetched from the network. */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  name: 'offline',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

export const hexFillLayer: FillLayerSpecification = {
  id: HEX_LAYER,
  type: 'fill',
  source: HEX_SOURCE,
  // Fades from street zoom (z15+), where the basemap's street names and houses matter and appeals are points.
  paint: { 'fill-color': COUNT_RAMP[0], 'fill-opacity': cellFillOpacity(0.78) },
};

export const hexOutlineLayer: LineLayerSpecification = {
  id: HEX_OUTLINE_LAYER,
  type: 'line',
  source: HEX_SOURCE,
  paint: { 'line-color': '#7a2a0a', 'line-width': 0.5, 'line-opacity': 0.45 },
};

export const regionLineLayer: LineLayerSpecification = {
  id: REGION_LINE_LAYER,
  type: 'line',
  source: REGION_SOURCE,
  paint: { 'line-color': '#2d3748', 'line-width': 2 },
};

export const municipalityLineLayer: LineLayerSpecification = {
  id: MUNICIPALITY_LINE_LAYER,
  type: 'line',
  source: MUNICIPALITY_SOURCE,
  paint: { 'line-color': '#4a5568', 'line-width': 1, 'line-dasharray': [3, 2], 'line-opacity': 0.8 },
};

/** Labels need glyphs, so they exist only on a basemap style, in one of the fonts it already uses. */
export function municipalityLabelLayer(font: string[]): SymbolLayerSpecification {
  return {
    id: MUNICIPALITY_LABEL_LAYER,
    type: 'symbol',
    source: MUNICIPALITY_SOURCE,
    minzoom: 7,
    layout: { 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 12, 'symbol-placement': 'point' },
    paint: { 'text-color': '#2d3748', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

/** The first literal `text-font` of a loaded style, if the style has glyphs at all. */
export function styleTextFont(style: StyleSpecification): string[] | null {
  if (!style.glyphs) return null;
  for (const layer of style.layers) {
    if (layer.type !== 'symbol') continue;
    const font = layer.layout?.['text-font'];
    if (Array.isArray(font) && font.every((f) => typeof f === 'string')) return font as string[];
  }
  return null;
}

/** MapLibre's control labels in Russian. */
export const MAP_LOCALE_RU: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Показать или скрыть сведения об авторах',
  'AttributionControl.MapFeedback': 'Сообщить об ошибке на карте',
  'FullscreenControl.Enter': 'Во весь экран',
  'FullscreenControl.Exit': 'Выйти из полноэкранного режима',
  'GeolocateControl.FindMyLocation': 'Найти моё местоположение',
  'GeolocateControl.LocationNotAvailable': 'Местоположение недоступно',
  'LogoControl.Title': 'Логотип MapLibre',
  'Map.Title': 'Карта',
  'Marker.Title': 'Метка',
  'NavigationControl.ResetBearing': 'Повернуть на север',
  'NavigationControl.ZoomIn': 'Приблизить',
  'NavigationControl.ZoomOut': 'Отдалить',
  'Popup.Close': 'Закрыть',
  'ScaleControl.Feet': 'фт',
  'ScaleControl.Meters': 'м',
  'ScaleControl.Kilometers': 'км',
  'ScaleControl.Miles': 'ми',
  'ScaleControl.NauticalMiles': 'мор. ми',
  'CooperativeGesturesHandler.WindowsHelpText': 'Чтобы изменить масштаб, используйте Ctrl + колесо мыши',
  'CooperativeGesturesHandler.MacHelpText': 'Чтобы изменить масштаб, используйте ⌘ + колесо мыши',
  'CooperativeGesturesHandler.MobileHelpText': 'Перемещайте карту двумя пальцами',
};
