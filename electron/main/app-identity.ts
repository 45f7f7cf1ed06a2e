/** The app's id: electron-builder.yml's appId and Windows' AppUserModelID (a test keeps the two equal). */
export const APP_USER_MODEL_ID = 'org.newsdesk.app'
