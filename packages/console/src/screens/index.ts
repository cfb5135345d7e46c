// Every screen the shell shows, one import each (each file defines its element).
import './sign-in-screen.js';
import './overview/define.js';
import './incidents/define.js';
import './maintenance/define.js';
