export const coordinatorStrings = {
  nav: { participation: 'Участие в анкетировании', profiles: 'Риск-профили региона' },
};
