import { ApiError, type ApiHandlers } from '../../../shared/api/dispatch';
import type { CasefileSessions } from '../casefile/sessions';
import type { PathPolicy } from '../paths';
import { ReviewService } from './service';

type ReviewHandlers = Pick<ApiHandlers, 'openForReview' | 'compareReview' | 'mergeReview' | 'closeReview'>;

/** The review calls of the API (see shared/api/contract.ts). */
export function createReviewHandlers(sessions: CasefileSessions, paths: PathPolicy): ReviewHandlers {
  const reviews = new ReviewService(paths);
  return {
    openForReview: async ({ sessionId, path, upload, minOverlap }) => {
      const session = sessions.get(sessionId);
      if (!path === !upload) throw new ApiError('invalid-arguments', 'Give either the path of a colleague’s casefile or the uploaded file.');
      const file = await reviews.open(path ? { path } : { upload: upload! }, session.path);
      return {
        reviewId: file.reviewId, fileName: file.fileName, path: file.path, migratedFrom: file.migratedFrom,
        comparison: reviews.compare(file.reviewId, session.casefile, minOverlap),
      };
    },
    compareReview: async ({ sessionId, reviewId, minOverlap }) => reviews.compare(reviewId, sessions.get(sessionId).casefile, minOverlap),
    mergeReview: async ({ sessionId, reviewId, revision, accept, minOverlap }) => {
      const session = sessions.get(sessionId);
      const plan = reviews.planMerge(reviewId, session.casefile, accept, minOverlap);
      const change = plan.command ? session.apply(revision, plan.command) : null;
      return { change, summary: plan.summary, comparison: reviews.compare(reviewId, session.casefile, minOverlap) };
    },
    closeReview: async ({ reviewId }) => {
      reviews.close(reviewId);
      return { closed: true } as const;
    },
  };
}
