import { z } from 'zod';

const addressSchema = z.object({
  street: z.string().trim().min(2).max(200),
  postalCode: z.string().trim().max(10).optional(),
  city: z.string().trim().max(100).optional(),
});

/** A request recorded by an agent at the desk (from a ticket) or on the phone (from an answered call). */
export const deskOrPhoneRequestSchema = z.object({
  channel: z.enum(['desk', 'phone']),
  /** The desk ticket id or the call's id (Uniqueid/Linkedid): one request per ticket or call and subject. */
  sourceRef: z.string().trim().min(1).max(200),
  subject: z.string().trim().max(300).default(''),
  text: z.string().trim().min(3, 'décrire la demande').max(20_000),
  citizen: z
    .object({
      fullName: z.string().trim().max(200).optional(),
      phone: z.string().trim().max(40).optional(),
      email: z.string().trim().max(200).optional(),
      address: addressSchema.optional(),
    })
    .default({}),
});

export const qualifySchema = z.object({ category: z.string().min(1).max(100), route: z.boolean().default(true) });
export const rerouteSchema = z.object({
  category: z.string().min(1).max(100),
  reason: z.string().trim().min(3, 'motif requis').max(1000),
});
export const answerSchema = z.object({ firstLevel: z.boolean() });
export const closeSchema = z.object({ reason: z.string().trim().min(1).max(1000) });
export const replySchema = z.object({ channel: z.enum(['email', 'sms']), text: z.string().trim().min(1).max(20_000) });
export const mergeSchema = z.object({
  intoCitizenId: z.string().min(1).max(100),
  reason: z.string().trim().min(3).max(1000),
});
export const unmergeSchema = z.object({ reason: z.string().trim().min(3).max(1000) });
export const openCallSchema = z.object({ callerNumber: z.string().trim().min(1).max(40) });
export const describeSchema = z.object({
  subject: z.string().trim().max(300).default(''),
  text: z.string().trim().min(3, 'décrire la demande').max(20_000),
});
