/** The app's version, written into every model.zip and export (checked against package.json by a test). */
export const APP_VERSION = '0.1.0';
