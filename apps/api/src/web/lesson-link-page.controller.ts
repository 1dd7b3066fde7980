// The address a printed pack's QR code carries for a lesson done online: it names the course and
// the lesson, not anyone's enrolment, so it sends each reader to their own enrolment's lesson, or to
// the course to enrol first (signing in on the way, as any page does).
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CoursesService } from '@chadavkhi/learning';
import { UuidParam } from './page-request.decorators';

@ApiExcludeController()
@Controller('courses/:id/lessons/:lessonId')
export class LessonLinkPageController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  async open(
    @UuidParam('id') id: string,
    @UuidParam('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.published(request.user!, id);
    const target = course.enrollment ? `/learn/${course.enrollment.id}/lessons/${lessonId}` : `/courses/${course.id}`;
    return reply.redirect(target, 303);
  }
}
