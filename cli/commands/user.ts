import type { Command } from 'commander';
import { getDb } from '../../db';
import { upsertUser } from '../../lib/auth/users';
import type { Role } from '../../lib/auth/options';
import { result } from '../output';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create a user, or update the role, owner and password of an existing one')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--password <password>', 'at least 10 characters')
    .requiredOption('--role <role>', 'admin | analyst | road_agency')
    .option('--owner <owner>', 'the road owner a road_agency user may see (e.g. municipal)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: { email: string; password: string; role: string; owner?: string; json?: boolean }) => {
      const db = await getDb();
      const u = await upsertUser(db, { email: o.email, password: o.password, role: o.role as Role, owner: o.owner });
      result(
        !!o.json,
        { email: u.email, role: u.role, created: u.created },
        `${u.created ? 'created' : 'updated'} ${u.email} (${u.role})`,
      );
    });
}
