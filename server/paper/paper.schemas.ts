import { Type, type Static } from '@fastify/type-provider-typebox';
import { Submission } from '../respond/respond.schemas.js';
import { Id, IntegerIn, Role, WaveSchoolParams } from '../shared/vocabulary.js';

export { WaveSchoolParams };

/** Sheets to print for one school × role of a wave: a class set at most. */
export const PrintBody = Type.Object({ role: Role, count: IntegerIn(1, 200) }, { additionalProperties: false });
export type PrintBody = Static<typeof PrintBody>;

/** What a printed sheet carries besides the questionnaire: its id, as printed and as a QR code. */
export const PrintedSheet = Type.Object({ id: Type.String(), printed: Type.String(), qr: Type.String() });

const SheetContext = {
  role: Role,
  wave: Type.Object({ id: Id, title: Type.String(), open: Type.Boolean() }),
  school: Type.Object({ id: Id, name: Type.String() }),
  /** The SurveyJS questionnaire the wave pinned for the role: the sheet's questions and their numbered choices. */
  survey: Type.Record(Type.String(), Type.Unknown()),
  counting: Type.Object({ questions: Type.Array(Type.String()), minAnswered: Type.Integer({ minimum: 1 }) }),
};

export const PrintView = Type.Object({ ...SheetContext, sheets: Type.Array(PrintedSheet) });
export type PrintView = Static<typeof PrintView>;

/** The sheet id as typed or scanned: the server normalises case, dashes and spaces. */
export const SheetParams = Type.Object({ sheetId: Type.String({ minLength: 1, maxLength: 40 }) });

export const SheetView = Type.Object({ ...SheetContext, id: Type.String(), printed: Type.String(), entered: Type.Boolean() });
export type SheetView = Static<typeof SheetView>;

export const EntryBody = Type.Object({ answers: Submission.properties.answers }, { additionalProperties: false });
export type EntryBody = Static<typeof EntryBody>;

export const EntryDifference = Type.Object({ question: Type.String(), first: Type.Unknown(), second: Type.Unknown() });

/** `stored`: the sheet's first entry; `compared`: a second one, checked against the first and not stored. */
export const EntryResult = Type.Object({
  status: Type.Union([Type.Literal('stored'), Type.Literal('compared')]),
  responseId: Id,
  differences: Type.Array(EntryDifference),
});
export type EntryResult = Static<typeof EntryResult>;

/** The values the operator found right for the questions two entries disagreed on; null: not answered. */
export const CorrectionBody = EntryBody;

export const CorrectionResult = Type.Object({ responseId: Id, corrected: Type.Integer({ minimum: 0 }) });
export type CorrectionResult = Static<typeof CorrectionResult>;
