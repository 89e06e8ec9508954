import { describe, expect, it } from 'vitest';
import { tabFromQuery } from './filters';

describe('tabFromQuery: a link opens its tab', () => {
  it('finds the board tab a console count links to', () => {
    expect(tabFromQuery({ due: 'overdue' }, 'duty')).toBe('overdue');
    expect(tabFromQuery({ status: 'returned' }, 'duty')).toBe('returned');
    expect(tabFromQuery({ extension: 'pending' }, 'admin')).toBe('extension');
    expect(tabFromQuery({ ledger: 'true' }, 'duty')).toBe('ledger');
    expect(tabFromQuery({ due: 'today' }, 'department')).toBe('today');
  });
  it('opens the default tab for nothing or a link the role has no tab for', () => {
    expect(tabFromQuery({}, 'duty')).toBeNull();
    expect(tabFromQuery({ due: 'someday' }, 'duty')).toBeNull();
    expect(tabFromQuery({ ledger: 'true' }, 'department')).toBeNull();
  });
});
