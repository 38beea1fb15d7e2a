/** @module Unit tests for question–answer records (src/indexer/formats/records.ts): what column and key names mean. */
import { describe, expect, it } from 'vitest';
import { columnsOf, namedRole } from '../../src/indexer/formats/records';
import { context } from './format-helpers';

describe('namedRole', () => {
  const cases: [string, string | undefined, number | undefined][] = [
    ['问题', 'question', 0],
    ['Question', 'question', 0],
    ['問題', 'question', 0],
    ['title', 'question', 0],
    ['答案', 'answer', 0],
    ['content', 'answer', 0],
    ['分類', 'category', 0],
    ['服務商', 'provider', 0],
    ['faq_question', 'question', 1],
    ['questionText', 'question', 1],
    ['question_title', 'question', 1],
    ['answerContent', 'answer', 1],
    ['answer_html', 'answer', 1],
    ['FAQ标题', 'question', 1],
    ['标准问题', 'question', 1],
    ['答案内容', 'answer', 1],
    ['回复内容', 'answer', 1],
    // Taiwan's 答覆 (覆 is a simplified character too, so it does not fold to 答复) and the solution a CMS gives.
    ['答覆', 'answer', 0],
    ['解决方案', 'answer', 0],
    ['處理方法', 'answer', 0],
    ['solution', 'answer', 0],
    ['问题分类', 'category', 1],
    ['所属分类', 'category', 1],
    ['分类名称', 'category', 1],
    ['所属平台', 'provider', 1],
    ['category_name', 'category', 1],
    ['question_id', undefined, undefined],
    ['问题编号', undefined, undefined],
    ['created_at', undefined, undefined],
    ['name', undefined, undefined],
    ['备注', undefined, undefined],
    ['更新时间', undefined, undefined],
  ];
  it.each(cases)('%s', (name, role, rank) => {
    const named = namedRole(name, context.normalize);
    expect(named?.role).toBe(role);
    expect(named?.rank).toBe(rank);
  });
});

describe('columnsOf', () => {
  it('takes per role the best named column, the first of equals, and reports two outright names of one role', () => {
    expect(columnsOf(['编号', '相似问题', '问题', '答案', '答案内容'], context.normalize)).toEqual({ columns: { question: 2, answer: 3 } });
    expect(columnsOf(['标准问题', '相似问题', '回复内容'], context.normalize)).toEqual({ columns: { question: 0, answer: 2 } });
    expect(columnsOf(['问题', 'Question', '答案'], context.normalize)).toEqual({ columns: { question: 0, answer: 2 }, duplicate: ['question', 0, 1] });
  });
});
