import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles.css';

const pinia = createPinia();
const i18n = createAppI18n();
document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(pinia).use(i18n).use(createAppRouter(pinia)).mount('#app');
