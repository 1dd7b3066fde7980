import type { CourseDraft } from './course-draft';
import { addLesson, addModule, deleteLesson, moveLesson, renameModule, updateLesson } from './outline-edits';

const lesson = (id: string) => ({ id, title: `Lesson ${id}`, body: `Body ${id}`, required: true, videoUrl: null });
const modules: CourseDraft['modules'] = [
  { id: 'm1', title: 'One', lessons: [lesson('a'), lesson('b')] },
  { id: 'm2', title: 'Two', lessons: [lesson('c')] },
];
const ids = (outline: { lessons: { id?: string }[] }[] | null) =>
  outline?.map((m) => m.lessons.map((l) => l.id ?? 'new'));

it('moves a lesson within its module, and across into the neighbouring module at the edges', () => {
  expect(ids(moveLesson(modules, 'b', 'up'))).toEqual([['b', 'a'], ['c']]);
  expect(ids(moveLesson(modules, 'b', 'down'))).toEqual([['a'], ['b', 'c']]);
  expect(ids(moveLesson(modules, 'c', 'up'))).toEqual([['a', 'b', 'c'], []]);
  expect(ids(moveLesson(modules, 'a', 'up'))).toEqual([['a', 'b'], ['c']]);
  expect(ids(moveLesson(modules, 'c', 'down'))).toEqual([['a', 'b'], ['c']]);
  expect(moveLesson(modules, 'zz', 'up')).toBeNull();
});

it('adds, renames and deletes, keeping every other id and field', () => {
  expect(addModule(modules, 'Three').map((m) => m.title)).toEqual(['One', 'Two', 'Three']);
  expect(renameModule(modules, 'm2', 'Practice')![1]).toEqual(expect.objectContaining({ id: 'm2', title: 'Practice' }));
  expect(ids(addLesson(modules, 'm2', 'New'))).toEqual([
    ['a', 'b'],
    ['c', 'new'],
  ]);
  expect(ids(deleteLesson(modules, 'a'))).toEqual([['b'], ['c']]);
  expect(deleteLesson(modules, 'a')![0].lessons[0]).toEqual({
    id: 'b',
    title: 'Lesson b',
    body: 'Body b',
    required: true,
  });
  expect(renameModule(modules, 'nope', 'x')).toBeNull();
  expect(modules[0].lessons.map((l) => l.id)).toEqual(['a', 'b']); // the draft itself is untouched
});

it('updates one lesson, adding or clearing its link', () => {
  const withLink = updateLesson(modules, 'c', {
    title: 'C',
    body: 'New',
    required: false,
    videoUrl: 'https://video.example.mn/1',
  })!;
  expect(withLink[1].lessons[0]).toEqual({
    id: 'c',
    title: 'C',
    body: 'New',
    required: false,
    videoUrl: 'https://video.example.mn/1',
  });
  const cleared = updateLesson([{ ...modules[1], lessons: [{ ...lesson('c'), videoUrl: 'https://x.mn' }] }], 'c', {
    title: 'C',
    body: '',
    required: true,
    videoUrl: null,
  })!;
  expect(cleared[0].lessons[0]).not.toHaveProperty('videoUrl');
});
