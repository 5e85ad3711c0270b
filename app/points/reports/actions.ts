'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireAction } from '@/lib/auth/guard';
import { resolvePointReport } from '@/db/queries/pointReports';

/** Marks a visitor's report as handled; the same rule as the page. */
export async function resolveReport(data: FormData): Promise<void> {
  await requireAction('/points/reports');
  const id = z.coerce.number().int().positive().parse(data.get('id'));
  await resolvePointReport(await getDb(), id);
  revalidatePath('/points/reports');
}
