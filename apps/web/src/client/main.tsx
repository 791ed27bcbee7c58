/** The dashboard's browser entry: keeps the page key handed over by `/auth`, mounts the app. */
import { render } from 'preact';
import './styles.css';
import { adoptPageKey } from './page-key.js';
import { App } from './views/app.js';

adoptPageKey();
render(<App />, document.getElementById('app')!);
