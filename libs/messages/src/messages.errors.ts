import { errorsWith } from '@fairops/core';

export const MESSAGES_ERROR_CODES = ['message_not_found', 'message_subject_gone'] as const;
export type MessagesErrorCode = (typeof MESSAGES_ERROR_CODES)[number];

const fail = errorsWith(MESSAGES_ERROR_CODES);

export const MessagesErrors = {
  notFound: (id: string) => fail.notFound('message_not_found', 'message', id),
  subjectGone: (id: string) => fail('message_subject_gone', 'not_found', 'what this message was about no longer exists (erased, cancelled or deleted)', { id }),
};
