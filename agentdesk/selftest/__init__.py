"""``agentdesk self-test``: checks this computer's hardware and the app's own
parts, step by step, and says in French (or English) what works.

For an agency's IT team after an install, and for the agent from the settings
("Tester mon matériel").  Steps: the camera (or the test pattern), a tone on
the chosen speaker, the microphone, a loopback call through the real call
engine on 127.0.0.1, the received frames painted by the app's video widget
offscreen, the French catalogue.  ``devices.py`` holds the Qt-free steps,
``display.py`` the two that need Qt, ``cli.py`` the command and its report.
"""
