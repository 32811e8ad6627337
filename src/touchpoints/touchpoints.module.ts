// The touchpoints domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { touchpointsRoutes } from './touchpoints.routes.js';
import {
  eraseCustomerInteractions,
  exportCustomerInteractions,
  seedTouchpoints,
} from './touchpoints.service.js';

export const touchpointsModule: DomainModule = {
  name: 'touchpoints',
  apiTags: [
    {
      name: 'touchpoints',
      description:
        'The catalogue of moments where customers meet the company, each optionally triggering a survey.',
    },
    {
      name: 'interactions',
      description: 'What happened at a touchpoint for a customer; recording one may queue a survey.',
    },
  ],
  routes: touchpointsRoutes,
  privacy: {
    domain: 'touchpoints',
    tables: ['interactions'],
    exportCustomer: async (ctx, id) => ({ interactions: await exportCustomerInteractions(ctx, id) }),
    eraseCustomer: eraseCustomerInteractions,
  },
  seed: async (ctx) => {
    await seedTouchpoints(ctx);
  },
};
