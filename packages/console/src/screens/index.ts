// Every screen the shell shows, one import each (each file defines its element).
import './sign-in-screen.js';
