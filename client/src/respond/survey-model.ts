import { Model, QuestionDropdownModel, QuestionRatingModel, settings, type ITheme } from 'survey-core';
import './surveyjs-russian-overrides';
import type { Progress } from './storage';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** The calm blue of the page; SurveyJS derives its buttons, selected choices and progress bar from it. */
const theme: ITheme = {
  themeName: 'respond',
  colorPalette: 'light',
  isPanelless: true,
  cssVariables: {
    '--sjs-general-backcolor': '#ffffff',
    '--sjs-general-backcolor-dim': '#f2f4f7',
    '--sjs-general-backcolor-dim-light': '#f7f8fa',
    '--sjs-general-backcolor-dim-dark': '#e9ecf1',
    '--sjs-general-forecolor': '#1b2430',
    '--sjs-general-forecolor-light': '#5b6675',
    '--sjs-primary-backcolor': '#2355a0',
    '--sjs-primary-backcolor-light': 'rgba(35, 85, 160, 0.1)',
    '--sjs-primary-backcolor-dark': '#1b4583',
    '--sjs-primary-forecolor': '#ffffff',
    '--sjs-base-unit': '8px',
    '--sjs-corner-radius': '10px',
    '--sjs-font-family': FONT,
    '--sjs-font-size': '17px',
    '--sjs-border-default': 'rgba(27, 36, 48, 0.22)',
    '--sjs-special-red': '#c0392b',
    '--sjs-special-red-light': 'rgba(192, 57, 43, 0.1)',
  },
};

// A plain bar with «Страница 2 из 4» instead of survey-core 3's unlabelled step buttons: clearer on a phone.
settings.legacyProgressBarView = true;
// SurveyJS draws every title as a <div>: screen-reader users could not jump from section to question.
settings.titleTags.page = 'h2';
settings.titleTags.question = 'h3';

/** A questionnaire as respondents see it, in Russian, with the page's theme and phone-friendly questions. */
function styledModel(json: object): Model {
  const model = new Model(json);
  model.locale = 'ru';
  model.showTitle = false; // the page header shows the title and description with the school's name
  model.applyTheme(theme);
  for (const q of model.getAllQuestions()) {
    // A search field over a dozen choices only pops the keyboard up over the list on a phone.
    if (q instanceof QuestionDropdownModel && q.choices.length <= 15) q.searchEnabled = false;
    // SurveyJS turns a rating into a dropdown on narrow screens; a row of five buttons is one tap, not two.
    if (q instanceof QuestionRatingModel && q.visibleRateValues.length <= 7) {
      q.displayMode = 'buttons';
      q.rateDescriptionLocation = 'bottom'; // «Совсем не нравится» under 1, «Очень нравится» under 5
    }
  }
  return model;
}

/** The questionnaire of the link with the respondent's saved progress put back. */
export function createSurveyModel(json: object, progress: Progress): Model {
  const model = styledModel(json);
  model.showProgressBar = true;
  model.showCompletePage = false; // the thank-you screen is ours, shown only after the server confirmed

  // Keep only answers to questions that still exist: the questionnaire may have changed since.
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(progress.data)) {
    if (model.getQuestionByValueName(name)) data[name] = value;
  }
  model.data = data;
  if (progress.pageNo > 0 && progress.pageNo < model.visiblePageCount) model.currentPageNo = progress.pageNo;
  return model;
}

/**
 * The public preview: every question on one page, in SurveyJS's display mode, which takes no input and has no
 * button that completes anything. Questions shown only after an earlier answer stay hidden, as on a first reading.
 */
export function previewSurveyModel(json: object): Model {
  const model = styledModel(json);
  model.mode = 'display';
  model.questionsOnPageMode = 'singlePage';
  model.showNavigationButtons = false;
  model.showCompletePage = false;
  return model;
}

/** Answers of the questions the respondent could see; hidden questions' leftovers are not sent. */
export function collectAnswers(model: Model): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of model.getAllQuestions()) {
    if (q.isVisibleInSurvey && !q.isEmpty()) answers[q.getValueName()] = q.value;
  }
  return answers;
}
