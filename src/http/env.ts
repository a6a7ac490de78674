import type { Tailor } from '../runtime/tailor.js';
import type { Ctx } from '../services/context.js';
import type { ConsoleUser } from '../services/users/create-user.js';

export interface AppEnv {
  Variables: {
    tailor: Tailor;
    requestId: string;
    /** Set by `authenticate` on /api/v1 routes that need a workspace. */
    ctx: Ctx;
    user: ConsoleUser | undefined;
  };
}
