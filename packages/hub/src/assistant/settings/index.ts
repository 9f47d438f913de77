export { catalogOf, type Setting } from './catalog.js';
export { chosenSetting, pendingSetting, performSetting, SETTING_INTENT, settingDevices } from './perform.js';
export {
  readSetting,
  type SettingAct,
  type SettingDevice,
  type SettingInput,
  type SettingRequest,
} from './read.js';
