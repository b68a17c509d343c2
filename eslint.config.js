import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'bench/results.json', 'tests/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Review and chat text is untrusted: never render it as HTML.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: '不要把评价/聊天文本当作 HTML 渲染' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: '不要用 innerHTML 写入页面' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: '不要用 outerHTML 写入页面' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: '不要用 insertAdjacentHTML' },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
