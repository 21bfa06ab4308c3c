/** Where the page finds what the server wrote into it (client/src/respond/first-page.ts reads the same names). */
export const FIRST_PAGE_ID = 'rs-first-page';
export const LINK_FACTS_ID = 'rs-link';
