import { CAPS, HOT, MIN_LENGTH_M, UNKNOWN_CONDITION, type Part } from '../domain/roadScore';

/** Words of the road-agency priority list (page, XLSX, docs), Russian first, English second. */
export interface RoadsDictionary {
  parts: Record<Part, { label: string; how: string }>;
  formula: string;
  owners: Record<string, string>;
  planStates: Record<string, string>;
  lists: {
    priorities: string;
    a: string;
    b: string;
    c: string;
    aHow: string;
    bHow: string;
    cHow: string;
    score: string;
  };
}

const ru: RoadsDictionary = {
  parts: {
    per_km: {
      label: 'Жалоб на км',
      how: `жалобы на дороги за период / длина, км (не короче ${MIN_LENGTH_M} м); 1 при ${CAPS.perKm} на км и более`,
    },
    citizens: {
      label: 'Разных заявителей',
      how: `число разных авторов жалоб за период; 1 при ${CAPS.citizens} и более`,
    },
    trend: { label: 'Рост жалоб', how: '(последние 90 дней − предыдущие 90) / (их сумма), отрицательное считается 0' },
    condition: {
      label: 'Состояние',
      how: `(5 − оценка) / 4 по шкале 1 (плохо) … 5 (хорошо); без оценки ${UNKNOWN_CONDITION}`,
    },
    road_class: {
      label: 'Класс дороги',
      how: 'магистральная 1; основная (primary) 1; районная (secondary) 0,75; местная (tertiary) 0,5; жилая и прочие 0,25',
    },
    facilities: {
      label: 'Рядом школы, больницы, остановки',
      how: `число объектов в 150 м; 1 при ${CAPS.facilities} и более; без слоя объектов часть не учитывается`,
    },
  },
  formula: 'Балл = 100 × Σ (вес × часть) / Σ весов; каждая часть от 0 до 1',
  owners: { federal: 'федеральная', regional: 'региональная', municipal: 'муниципальная', other: 'иная' },
  planStates: { planned: 'в плане', in_progress: 'в работе', done: 'отремонтирован', warranty: 'на гарантии', '': '—' },
  lists: {
    priorities: 'Приоритеты',
    a: 'а) Горячие без плана',
    b: 'б) В плане без жалоб',
    c: 'в) Жалобы на гарантии',
    aHow: `не меньше ${HOT.minComplaints} жалоб за период, а жалоб на км — как у пятой части самых жалуемых участков (и не меньше ${HOT.minPerKm}); ремонта нет ни в плане, ни в работе, гарантия не действует`,
    bHow: 'ремонт запланирован или идёт, а жалоб за период нет: проверить необходимость',
    cHow: 'отремонтирован, гарантия ещё действует, после ремонта есть жалобы: претензия подрядчику',
    score: 'Как считается балл',
  },
};

const en: RoadsDictionary = {
  parts: {
    per_km: {
      label: 'Complaints per km',
      how: `road complaints in the period / length in km (at least ${MIN_LENGTH_M} m); 1 at ${CAPS.perKm} per km or more`,
    },
    citizens: {
      label: 'Distinct citizens',
      how: `distinct authors of the complaints in the period; 1 at ${CAPS.citizens} or more`,
    },
    trend: { label: 'Trend', how: '(last 90 days − the 90 before) / (their sum); a decline counts as 0' },
    condition: {
      label: 'Condition',
      how: `(5 − rating) / 4 on the scale 1 (bad) … 5 (good); ${UNKNOWN_CONDITION} when not surveyed`,
    },
    road_class: {
      label: 'Road class',
      how: 'motorway/trunk/primary 1; secondary 0.75; tertiary 0.5; residential and others 0.25',
    },
    facilities: {
      label: 'Schools, hospitals, stops nearby',
      how: `facilities within 150 m; 1 at ${CAPS.facilities} or more; left out when no facility layer is imported`,
    },
  },
  formula: 'Score = 100 × Σ (weight × part) / Σ weights; each part from 0 to 1',
  owners: { federal: 'federal', regional: 'regional', municipal: 'municipal', other: 'other' },
  planStates: { planned: 'planned', in_progress: 'in progress', done: 'repaired', warranty: 'under warranty', '': '—' },
  lists: {
    priorities: 'Priorities',
    a: 'a) Hot, no plan',
    b: 'b) Planned, no complaints',
    c: 'c) Complaints under warranty',
    aHow: `at least ${HOT.minComplaints} complaints in the period, and complaints per km in the top fifth of such segments (at least ${HOT.minPerKm}); nothing planned or in progress, no warranty running`,
    bHow: 'a repair is planned or under way but the period has no complaints: re-check the need',
    cHow: 'repaired, warranty still running, complaints since the repair: a claim to the contractor',
    score: 'How the score works',
  },
};

export const ROADS_DICTIONARIES = { ru, en } as const;
export const roadsDictionary = (lang: 'ru' | 'en' = 'ru'): RoadsDictionary => ROADS_DICTIONARIES[lang];
