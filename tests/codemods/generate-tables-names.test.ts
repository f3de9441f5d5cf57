/** How generate-tables names things: camelCase identifiers, quoted keys, and no clashes with imports or reserved words. */
import { camelCase, columnKeys, propertyKey, quote, tableVariables } from '../../codemods/generate-tables/names';

describe('generate-tables names', () => {
  it('camelCases SQL names', () => {
    expect(['author_id', 'User ID', 'createdAt', 'CreatedAt', 'USERS', 'first-name', '1st', 'user__ID', '???'].map(camelCase)).toEqual([
      'authorId',
      'userId',
      'createdAt',
      'createdAt',
      'users',
      'firstName',
      '_1st',
      'userId',
      '',
    ]);
  });

  it('keeps table variables clear of imports, reserved words and each other', () => {
    const vars = tableVariables(['users', 'Users', 'column', 'class', 'metadata', '???', '2024_sales'], new Set(['metadata', 'column']));
    expect([...vars.values()]).toEqual(['users', 'usersTable', 'columnTable', 'classTable', 'metadataTable', 'table', '_2024Sales']);
  });

  it('gives every column a distinct key that JavaScript keeps in order', () => {
    const keys = columnKeys(['id', 'user_id', 'userId', '42', '__proto__', '???', 'x y']);
    expect([...keys.values()]).toEqual(['id', 'user_id', 'userId', '_42', 'proto', '???', 'xY']);
  });

  it('quotes keys and strings safely', () => {
    expect(propertyKey('naïve')).toBe('naïve');
    expect(propertyKey('???')).toBe("'???'");
    expect(quote("it's \\ a\nline")).toBe("'it\\'s \\\\ a\\nline'");
  });
});
