import { describe, expect, it } from 'vitest';
import { isControlKey } from './control-keys.js';

const textarea = { tagName: 'TEXTAREA' };
const select = { tagName: 'SELECT' };
const textInput = { tagName: 'INPUT', type: 'text' };
const radio = { tagName: 'INPUT', type: 'radio' };
const checkbox = { tagName: 'INPUT', type: 'checkbox' };
const button = { tagName: 'BUTTON', type: 'button' };
const div = { tagName: 'DIV' };

describe("which keys stay with a panel's control", () => {
  it('keeps every key but Escape in text boxes and selects', () => {
    for (const target of [textarea, select, textInput, { tagName: 'DIV', isContentEditable: true }]) {
      expect(['w', ' ', 'ArrowDown', 'b', 'Enter'].every((key) => isControlKey(target, key))).toBe(true);
      expect(isControlKey(target, 'Escape')).toBe(false);
    }
  });

  it('keeps Space and Enter on buttons, radios and checkboxes, and arrows on radios', () => {
    for (const target of [button, radio, checkbox]) {
      expect(isControlKey(target, ' ')).toBe(true);
      expect(isControlKey(target, 'Enter')).toBe(true);
    }
    expect(isControlKey(radio, 'ArrowDown')).toBe(true);
    expect(isControlKey(checkbox, 'ArrowDown')).toBe(false);
    expect(isControlKey(button, 'ArrowDown')).toBe(false);
  });

  it('lets shortcut letters through from buttons and boxes, and everything from other elements', () => {
    expect(isControlKey(button, 'b')).toBe(false);
    expect(isControlKey(checkbox, 'e')).toBe(false);
    expect(isControlKey(div, ' ')).toBe(false);
  });
});
