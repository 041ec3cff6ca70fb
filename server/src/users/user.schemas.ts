import { USER_ROLES } from '@iris/shared';
import { z } from 'zod';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const username = z.string().regex(USERNAME_PATTERN, 'minuscules, chiffres, . _ - ; 2 à 64 caractères');
const password = z.string().min(8, 'au moins 8 caractères').max(256, 'au plus 256 caractères');
const roles = z.array(z.enum(USER_ROLES)).min(1, 'au moins un rôle').max(USER_ROLES.length);
const agentId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, 'identifiant d’agent (ex. 1001)')
  .nullable();

export const createUserSchema = z
  .object({
    username,
    password,
    displayName: z.string().trim().min(1).max(120),
    roles,
    agentId: agentId.default(null),
    service: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .strict()
  .refine((user) => !user.roles.includes('agent') || user.agentId !== null, {
    message: 'un utilisateur agent doit être lié à un agent (agentId)',
    path: ['agentId'],
  });

export const updateUserSchema = z
  .object({
    password: password.optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
    roles: roles.optional(),
    agentId: agentId.optional(),
    service: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .strict();

export const loginSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
