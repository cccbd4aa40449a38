import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const cloud = { CLOUD_API_VERIFY_TOKEN: 'v', CLOUD_API_APP_SECRET: 's', CLOUD_API_ACCESS_TOKEN: 't' };

describe('Cloud API configuration', () => {
  it('takes one phone_number_id or several separated by commas, and the intents sent as interactive lists', () => {
    const c = loadConfig({ ...cloud, CLOUD_API_PHONE_NUMBER_ID: '1234567890, 2345678901', CLOUD_API_INTERACTIVE_LIST_INTENTS: 'help.menu' });
    expect(c.cloudApiEnabled).toBe(true);
    expect(c.CLOUD_API_PHONE_NUMBER_ID).toBe('1234567890, 2345678901');
    expect(c.CLOUD_API_INTERACTIVE_LIST_INTENTS).toBe('help.menu');
  });

  it('refuses a phone_number_id that is not digits, naming the key', () => {
    expect(() => loadConfig({ ...cloud, CLOUD_API_PHONE_NUMBER_ID: '+62 811' })).toThrow(/CLOUD_API_PHONE_NUMBER_ID: digits/);
  });
});
