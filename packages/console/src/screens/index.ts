// Every screen the shell shows, one import each (each file defines its element).
import './overview/define.js';
import './incidents/define.js';
