// One change to a draft's outline (modules → lessons) at a time, as the authoring forms make them.
// Every module and lesson keeps its id, so learners' progress and version comparison follow it.
// Each function returns the whole new outline for DraftEditsService to save, or null when the
// module or lesson it names is not in the draft.
import type { DraftLesson, DraftModule } from './course-draft';
import type { ModuleInput } from './dto/course-draft.dto';

export type OutlineInput = ModuleInput[];
export type LessonFields = Pick<DraftLesson, 'title' | 'body' | 'required'> & { videoUrl: string | null };

/** The draft's outline as updateDraft takes it, ids kept. */
export function outlineInput(modules: DraftModule[]): OutlineInput {
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    lessons: m.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      body: l.body,
      required: l.required,
      ...(l.videoUrl ? { videoUrl: l.videoUrl } : {}),
      ...(l.scormPackage ? { scormPackage: l.scormPackage } : {}),
    })),
  }));
}

export function addModule(modules: DraftModule[], title: string, id?: string): OutlineInput {
  return [...outlineInput(modules), { ...(id ? { id } : {}), title, lessons: [] }];
}

export function renameModule(modules: DraftModule[], moduleId: string, title: string): OutlineInput | null {
  if (!modules.some((m) => m.id === moduleId)) return null;
  return outlineInput(modules).map((m) => (m.id === moduleId ? { ...m, title } : m));
}

export function addLesson(
  modules: DraftModule[],
  moduleId: string,
  title: string,
  id?: string,
  content: { body: string; scormPackage?: string } = { body: '' },
): OutlineInput | null {
  if (!modules.some((m) => m.id === moduleId)) return null;
  return outlineInput(modules).map((m) =>
    m.id === moduleId
      ? { ...m, lessons: [...m.lessons, { ...(id ? { id } : {}), title, required: true, ...content }] }
      : m,
  );
}

export function updateLesson(modules: DraftModule[], lessonId: string, fields: LessonFields): OutlineInput | null {
  if (!findLesson(modules, lessonId)) return null;
  const { videoUrl, ...rest } = fields;
  return outlineInput(modules).map((m) => ({
    ...m,
    // A package lesson stays one: its title, description and whether it is required change, not its package.
    lessons: m.lessons.map((l) =>
      l.id === lessonId
        ? {
            id: l.id,
            ...rest,
            ...(videoUrl ? { videoUrl } : {}),
            ...(l.scormPackage ? { scormPackage: l.scormPackage } : {}),
          }
        : l,
    ),
  }));
}

export function deleteLesson(modules: DraftModule[], lessonId: string): OutlineInput | null {
  if (!findLesson(modules, lessonId)) return null;
  return outlineInput(modules).map((m) => ({ ...m, lessons: m.lessons.filter((l) => l.id !== lessonId) }));
}

/**
 * Moves a lesson one place up or down. At the edge of its module it crosses into the neighbouring
 * module (last place of the previous one, first place of the next); at the edge of the course it stays.
 */
export function moveLesson(modules: DraftModule[], lessonId: string, direction: 'up' | 'down'): OutlineInput | null {
  const found = findLesson(modules, lessonId);
  if (!found) return null;
  const outline = outlineInput(modules);
  const { moduleIndex: mi, lessonIndex: li } = found;
  const lessons = outline[mi].lessons;
  const step = direction === 'up' ? -1 : 1;
  if (lessons[li + step]) {
    [lessons[li], lessons[li + step]] = [lessons[li + step], lessons[li]];
    return outline;
  }
  const target = outline[mi + step];
  if (!target) return outline;
  const [lesson] = lessons.splice(li, 1);
  if (direction === 'up') target.lessons.push(lesson);
  else target.lessons.unshift(lesson);
  return outline;
}

export function findLesson(
  modules: DraftModule[],
  lessonId: string,
): { module: DraftModule; lesson: DraftLesson; moduleIndex: number; lessonIndex: number } | null {
  for (const [moduleIndex, module] of modules.entries()) {
    const lessonIndex = module.lessons.findIndex((l) => l.id === lessonId);
    if (lessonIndex >= 0) return { module, lesson: module.lessons[lessonIndex], moduleIndex, lessonIndex };
  }
  return null;
}
