/**
 * api.omi.me's sign-in defaults, shared by main and the renderer's sign-in form (zod-free, so
 * the renderer may import these values).
 */
export const OMI_API_BASE = 'https://api.omi.me';
/** api.omi.me's Firebase Web API key: a public project identifier that Omi's open-source clients embed, not a secret. */
export const OMI_FIREBASE_WEB_API_KEY = 'AIzaSyD9dzBdglc7IO9pPDIOvqnCoTis_xKkkC8';
