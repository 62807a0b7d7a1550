import { createRouter, createWebHistory } from 'vue-router'
import { signedIn } from './api'
import Layout from './pages/Layout.vue'
import Login from './pages/Login.vue'
import Dashboard from './pages/Dashboard.vue'
import Categories from './pages/Categories.vue'
import Products from './pages/Products.vue'
import Orders from './pages/Orders.vue'
import AfterSales from './pages/AfterSales.vue'
import Users from './pages/Users.vue'
import DeadLetters from './pages/DeadLetters.vue'

// History mode under /admin/: the gateway answers index.html for every page path.
export const router = createRouter({
  history: createWebHistory('/admin/'),
  routes: [
    { path: '/login', name: 'login', component: Login, meta: { public: true } },
    {
      path: '/',
      component: Layout,
      children: [
        { path: '', name: 'dashboard', component: Dashboard },
        { path: 'categories', name: 'categories', component: Categories },
        { path: 'products', name: 'products', component: Products },
        { path: 'orders', name: 'orders', component: Orders },
        { path: 'after-sales', name: 'afterSales', component: AfterSales },
        { path: 'users', name: 'users', component: Users },
        { path: 'dead-letters', name: 'deadLetters', component: DeadLetters },
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach((to) => {
  if (!to.meta.public && !signedIn()) return { name: 'login', query: { next: to.fullPath } }
})
