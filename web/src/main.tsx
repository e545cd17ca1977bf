import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeToken } from './api';
import { App } from './App';
import './styles.css';

const token = takeToken();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App hasToken={token !== null} />
  </StrictMode>,
);
