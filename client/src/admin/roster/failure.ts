import { ApiFailure } from '../../app/api';
import { errorText } from '../../app/errors';
import { rosterStrings as s } from './strings';

export const failureText = (e: unknown) => (e instanceof ApiFailure && s.errors[e.code]) || errorText(e);
