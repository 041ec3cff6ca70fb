import { mount } from 'svelte';
import App from './app.svelte';
import './app.css';

performance.mark('iris:boot');
mount(App, { target: document.getElementById('app')! });
