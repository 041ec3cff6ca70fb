import { pickupStatus } from './pickup-status.js';

describe('pickupStatus', () => {
  it('is "none" when nothing was offered (null rate), never met', () => {
    expect(pickupStatus(null, 0.91)).toBe('none');
    expect(pickupStatus(undefined, 0.91)).toBe('none');
  });
  it('is met at and above the target, below under it', () => {
    expect(pickupStatus(0.91, 0.91)).toBe('met');
    expect(pickupStatus(0.95, 0.91)).toBe('met');
    expect(pickupStatus(0.9, 0.91)).toBe('below');
    expect(pickupStatus(0, 0.91)).toBe('below');
  });
  it('judges the figure as shown: 90.96 % reads "91,0 %" and meets 91 %', () => {
    expect(pickupStatus(0.9096, 0.91)).toBe('met');
    expect(pickupStatus(0.9094, 0.91)).toBe('below');
  });
});
