import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { withRussianReasons } from '../../lib/serve/rejectsCsv';

describe('the rejects download says each reason in Russian too', () => {
  it('adds «причина» after reason; the other cells pass through as they were', async () => {
    const csv =
      'row,line,reason,Текст,lat\n' +
      '2,3,"column ""lat"": a coordinate is not a number","многострочный\nтекст, с запятой",north\n' +
      "5,6,the moon is made of cheese,'=1+1,-5\n";
    const res = withRussianReasons(
      new Response(csv, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="x.csv"' },
      }),
    );
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    const rows = parse(await res.text()) as string[][];
    expect(rows).toEqual([
      ['row', 'line', 'reason', 'причина', 'Текст', 'lat'],
      [
        '2',
        '3',
        'column "lat": a coordinate is not a number',
        'Столбец «lat»: координата — не число',
        'многострочный\nтекст, с запятой',
        'north',
      ],
      ['5', '6', 'the moon is made of cheese', 'the moon is made of cheese', "'=1+1", '-5'],
    ]);
  });

  it('an error answer passes untouched', async () => {
    const res = withRussianReasons(new Response('{"error":"not_found"}', { status: 404 }));
    expect([res.status, await res.text()]).toEqual([404, '{"error":"not_found"}']);
  });
});
