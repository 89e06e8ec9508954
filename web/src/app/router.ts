import { watch } from 'vue';
import { createRouter, createWebHistory, type RouteLocationRaw, type Router, type RouterHistory } from 'vue-router';
import type { Pinia } from 'pinia';
import type { Role } from '@jointduty/shared';
import { useSessionStore } from '../features/session/store';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    roles?: Role[];
    // label key in the navigation of console-style pages
    nav?: string;
  }
}

export const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: { render: () => null } },
  {
    path: '/wall',
    name: 'wall',
    component: () => import('../views/WallView.vue'),
    meta: { roles: ['admin', 'duty'] as Role[], nav: 'nav.wall' },
  },
  {
    path: '/console',
    name: 'console',
    component: () => import('../views/ConsoleView.vue'),
    meta: { roles: ['admin', 'duty'] as Role[], nav: 'nav.console' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('../views/AuditView.vue'),
    meta: { roles: ['admin'] as Role[], nav: 'console.auditNav' },
  },
  {
    path: '/leader',
    name: 'leader',
    component: () => import('../views/LeaderView.vue'),
    meta: { roles: ['admin', 'duty', 'leader'] as Role[], nav: 'nav.leader' },
  },
  {
    path: '/orders',
    name: 'orders',
    component: () => import('../views/OrdersView.vue'),
    meta: { roles: ['admin', 'duty', 'leader', 'department'] as Role[], nav: 'nav.orders' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('../views/ReportsView.vue'),
    meta: { roles: ['admin', 'duty', 'leader'] as Role[], nav: 'reports.nav' },
  },
  {
    path: '/duty-log',
    name: 'duty-log',
    component: () => import('../views/DutyLogView.vue'),
    meta: { roles: ['admin', 'duty', 'leader'] as Role[], nav: 'duty.log.nav' },
  },
  {
    path: '/field',
    name: 'field',
    component: () => import('../views/FieldView.vue'),
    meta: { roles: ['field'] as Role[], nav: 'nav.field' },
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

// Only paths inside this app are followed after sign-in.
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : null;
}

export function createAppRouter(pinia: Pinia, history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes });

  router.beforeEach((to): RouteLocationRaw | true => {
    const session = useSessionStore(pinia);
    if (to.meta.public) {
      return to.name === 'login' && session.signedIn ? session.homePath : true;
    }
    if (!session.signedIn) {
      return to.name === 'home' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
    }
    if (to.name === 'home') return session.homePath;
    const roles = to.meta.roles;
    if (roles && session.role && !roles.includes(session.role)) return session.homePath;
    return true;
  });

  // a sign-out from anywhere (button, 401, refused socket) lands on the login page
  const session = useSessionStore(pinia);
  watch(
    () => session.signedIn,
    (signedIn) => {
      const current = router.currentRoute.value;
      if (!signedIn && !current.meta.public) {
        void router.replace({ name: 'login', query: session.lastSignOut === 'expired' ? { redirect: current.fullPath } : {} });
      }
    },
  );

  return router;
}
