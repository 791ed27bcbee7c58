/** The dashboard's browser entry: mounts the app. */
import { render } from 'preact';
import './styles.css';
import { App } from './views/app.js';

render(<App />, document.getElementById('app')!);
