<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>AgentTray</name>
    <message>
        <source>AgentDesk: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>the whole file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some settings were damaged and were reset to their defaults: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy was kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AgentDesk stopped during a call from %1 (%2). The switchboard put the resident back at the head of the queue: they will be offered to the next available agent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppointmentsDialog</name>
    <message>
        <source>Appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mine only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointment on this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the &amp;appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the appointment of %1 at %2?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Booking</name>
    <message>
        <source>Choose the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the resident&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the purpose of the appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or the purpose is too long: keep it short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No identification number here (allocataire, social security, tax): the name and the purpose are enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a length between 5 and 240 min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This time has already passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service holds no permanence at this kiosk at that time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its next opening: %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk, the service or the appointment no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account may not book for this service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard cannot be reached: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment booked for %1 on %2 at %3. Check-in code to give the resident: %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Change the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kiosk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident&apos;s &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the resident gives it, e.g. Mme Martin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Prime d&apos;activité: renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any agent of the service</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy this week&apos;s sessions to the next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-off sessions are copied; weekly permanences repeat by themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a permanence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a c&amp;losure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ppointments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close &amp;now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes the service at every kiosk until its next slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ every week · the others once · public holidays included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close %1 now, at every kiosk, until its next slot? Nobody is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close %1 now, at every kiosk, until its next slot? %2 resident(s) waiting: each will be told the next opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the service now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This slot overlaps the %1 permanence of %2, %3–%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the reason of the closure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 session(s) copied to the next week.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Waiting for the resident&apos;s picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident&apos;s video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident stops hearing you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the resident to another service&apos;s queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending your picture at once (Ctrl+Shift+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) of this call are not saved. They will be erased from this computer at the end of the wrap-up. Hang up anyway?</source>
        <translation>
            <numerusform>%n document of this call is not saved. It will be erased from this computer at the end of the wrap-up. Hang up anyway?</numerusform>
            <numerusform>%n documents of this call are not saved. They will be erased from this computer at the end of the wrap-up. Hang up anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Call time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;mute microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover camera</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <source>✔ Appointment (due)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting longer than the agency&apos;s alert threshold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosureDialog</name>
    <message>
        <source>New closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Staff training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayPanel</name>
    <message>
        <source>My permanences today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book an appointment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a resident: service, kiosk, day and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appointments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any day&apos;s appointments: change, cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call reaches you now: press “Available” to receive calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the start of your permanences, press “Available” to receive calls (you chose to do it yourself).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My day — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No permanence today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointment today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No permanence calendar for your services: calls may come all day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your day…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No permanence for you today; your camera is on for now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No permanence for you today: your camera stays off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On permanence until %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your permanences are over for today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next permanence at %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next permanence at %1 (%2). Your camera opens at %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayTexts</name>
    <message>
        <source>Your permanence starts at %1: your camera is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your permanence has started: you are available until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanence over: no new caller. Last calls to serve: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanence over: you are offline and your camera is off until the next one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment at %1: %2 at %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has arrived at %2 for their %3 appointment: first in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your permanence has started (until %1): press “Available” when you want to receive calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your permanence has started (until %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: open until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: open, no agent available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: last calls (%2 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: closed, opens %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceCheckDialog</name>
    <message>
        <source>Check your equipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your first call: your camera, microphone and speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that residents will see and hear you. Another device chosen here is tried at once. You can come back to this in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceCheckPanel</name>
    <message>
        <source>Camera starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture of the chosen camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak: this bar should move with your voice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No microphone found: residents would not hear you. Plug in a microphone or a headset, then choose it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a test &amp;sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays the ringtone once on the chosen speaker, at the ring volume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <source>&amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enlarge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn a quarter to the right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a document in the strip above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Document to print at the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the call&apos;s documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk&apos;s scanner does not respond: no scan will come. Ask the resident to show the document to the camera, or to send it another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not responding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a &amp;scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print at the kiosk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk asks the resident to place a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a PDF or an image to the kiosk&apos;s printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every received document in a folder you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan requested: the kiosk asks the resident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1 to the kiosk&apos;s printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not printed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was printed at the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents could not be saved in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) saved in %1.</source>
        <translation>
            <numerusform>%n document saved in %1.</numerusform>
            <numerusform>%n documents saved in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Arriving… %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of document cannot be shown; save it to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The kiosk finds this scan %1. « Ask for a scan » asks for another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The kiosk found this scan %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too pale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crooked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too low in resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be printed: choose a PDF or an image (PNG, JPEG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to send (more than 20 MB).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureTables</name>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left after (mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left after (longest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered within target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk legs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated so-so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated badly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip (km)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Km not travelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg CO2e avoided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of which late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours staffed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused (closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanence hours: %1 h scheduled, %2 h staffed (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callers refused because the service was closed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>All services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;French separators (; and decimal comma)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printable &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments and hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered within the target wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kilometres not travelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1 on average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target: %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kg CO2e not emitted, %2 trips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No office set for the agency: distances cannot be computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 well, %2 so-so, %3 badly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls per hour of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean wait by hour of arrival (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call answered in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls per commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printable report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>The certificate authority file %1 named in %2 cannot be read: only public authorities are trusted. Tell your IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The machine configuration %1 is damaged and was ignored (%2). Tell your IT support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>AgentDesk: first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which switchboard do you work with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of your agency&apos;s switchboard, as your IT support gave it to you. It is checked before being saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the switchboard&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FirstSignIn</name>
    <message>
        <source>Your permanences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the start of each of your permanences, make you available automatically?

Yes: recommended for agents.
No: you press “Available” yourself, as volunteers often prefer.

You can change this in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next permanence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosks could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1 kiosk(s) need attention before their permanence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kiosk(s), no alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● online since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ never connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ offline since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ paper jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ out of paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ offline before its permanence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ a device is failing before its permanence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Today&apos;s calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call yet today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdlePreview</name>
    <message>
        <source>Your camera: this is what residents will see when you answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your camera is off: residents see nothing of you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>The agent asks you for a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the scanner&apos;s lid, lay your page face down in the top left corner, close the lid, then touch « Scan ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not lift the lid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is the page readable?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it is, send it to the agent. If not, scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to the agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent has your document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may take your page back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are talking with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agent is answering, one moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone off — touch to speak again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn my microphone off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A document was printed for you: take it from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello! Which service would you like to talk to?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work. Please try again or ask the reception desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the agents&apos; switchboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch your first name, or type the 6-digit code you were given:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code was not recognised. Check it, or ask the reception desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service is closed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next opening: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait, an agent will answer you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is over. How did it go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>So-so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you, goodbye!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your documents have been erased from this kiosk. Do not forget your prints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no opening planned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open — one agent connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open — %1 agents connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open — the agent is on their way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing — next opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed%1 — next opening %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are number %1 in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No estimate yet: the agent is on their way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting time: about one minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting time: about %1 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have your tax notice (avis d&apos;imposition) and your CAF number at hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have your carte Vitale and your latest statements at hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have your MSA number and your latest statements at hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have your identity card and the letter that brings you at hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: weak, the picture may freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: bad, the agent may hear you cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper is jammed in the scanner. Please tell the reception desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page was found. Put your page in the scanner and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner is not responding. Please tell the reception desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner is busy. Please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper is jammed in the printer. The agent has been told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is not responding. The agent has been told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your document could not be printed. The agent has been told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page looks blurred: press the lid down well and scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page looks too dark: close the lid and scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page looks too pale to read: scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page is crooked: lay it straight against the edge and scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the page is missing: put it in the top left corner and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan is not sharp enough to read small print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer has no paper left. The agent has been told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It did not work (%1). Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point Visio-Public</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <source>Your agency has no service yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>AgentDesk — video desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My &amp;day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s &amp;calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My day, queue and today&apos;s calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected happened. The app keeps running; the details were written to its log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost during the call from %1: the call went back to the head of the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the call before signing out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking needs a connection to the switchboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AgentDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AgentDesk keeps running here: calls still ring.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfferPanel</name>
    <message>
        <source>☎ Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call goes back to the queue for another agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the previous agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rings for %n more second(s)</source>
        <translation>
            <numerusform>Rings for %n more second</numerusform>
            <numerusform>Rings for %n more seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PermanenceDialog</name>
    <message>
        <source>Change the permanence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New permanence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kiosks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weekday:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;gents:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every w&amp;eek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk ids, separated by commas (empty: every kiosk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logins (empty: any agent of the service)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenceBar</name>
    <message>
        <source>&amp;Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ffline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending your picture at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server, devices, language, outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Camera off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive calls (during a call: after it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop receiving calls for a while, with a reason (during a call: after it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay signed in without receiving calls (during a call: after it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End your session on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▨ Camera covered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Camera on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera works: the resident sees a test card saying so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No microphone works: the resident hears silence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose devices in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover &amp;camera</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the &amp;next call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the se&amp;lected call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call waiting longest (appointments first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call chosen in the list (or press Enter on it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
(ringing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Appointment (due)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation>
            <numerusform>%n call waiting</numerusform>
            <numerusform>%n calls waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running in the &amp;tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call is ringing. Decline it and quit AgentDesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call is in progress. End it and quit AgentDesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is over; its wrap-up is not finished: it will be recorded as it stands. Quit AgentDesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are on duty: once AgentDesk is closed, no call reaches you. Quit AgentDesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call is ringing or in progress any more. Quit AgentDesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or keep it running in the tray: calls still ring and its icon shows your state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) are not saved and will be erased.</source>
        <translation type="unfinished">
            <numerusform>%n document is not saved and will be erased.</numerusform>
            <numerusform>%n documents are not saved and will be erased.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <source>Wrong login or password. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account is disabled. Ask your supervisor or your support to enable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account was changed (role or agency). Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out (from this or another computer, or your password was changed). Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk&apos;s access was renewed: it needs its new device token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call is ringing: accept or decline it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call no longer exists: the resident may have left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is for a service you do not serve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: another agent took this call, or it is ringing elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident&apos;s kiosk has just lost its connection; the resident keeps their place. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish your current call and its wrap-up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: this call stopped ringing for you and went back to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call is no longer in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wrap-up is already closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not exist on the switchboard (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is already in this service: choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call is already yours: choose a colleague or another service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests at once. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service holds no permanence at this kiosk at that time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This appointment is no longer booked (cancelled, checked in or missed): it cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This appointment no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk does not exist on the switchboard (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent does not exist on the switchboard (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent does not serve this service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This slot overlaps another permanence of the same service at the same kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the period must come after its start, within 400 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts from this computer. Try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts from this computer. Try again in %1 min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: the situation changed in the meantime. Please look again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This no longer exists: it may have ended in the meantime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard did not accept this request. Check what you entered and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This colleague is no longer signed in: choose another colleague, or the service&apos;s queue.</source>
        <translation type="unfinished">This colleague is no longer signed in: choose another colleague, or the service&apos;s queue.</translation>
    </message>
    <message>
        <source>This service is closed at this kiosk now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard could not do this. Try again; if it happens again, tell your support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>French language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict: %1 step(s) failed; fix them before taking calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict: ready for calls, with %1 warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict: everything works, ready for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AgentDesk %1: hardware test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture came from the camera within %1 s (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera %1: picture received (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test pattern (asked for instead of a camera): picture received (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera could be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Residents would see a test pattern: plug in a camera, or choose another one in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speaker could be opened: %1. Plug in a headset or speakers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker %1 opened but played nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker %1: a %2 s tone was played (%3 frames). Did you hear it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound came from the microphone: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone %1 sends only silence: is it muted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it heard the test tone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it did not hear the test tone (normal with a headset).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone %1: sound arrives (level %2 dBFS); %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loopback call did not connect within %1 s (state: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A test call on this computer works: picture and sound go through (set up in %1 ms, %2 image(s) received).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No video frame to display: the loopback call gave none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video widget painted no frame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The painted video is blank (%1 colours).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture shows on screen (%1×%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The French translation is in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The French catalogue is missing or damaged: the app would show English.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTestDialog</name>
    <message>
        <source>Hardware test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the camera, the sound and a call… (about 5 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hardware test stopped before the end (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hardware test could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceBox</name>
    <message>
        <source>Waiting calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting calls of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation type="unfinished">
            <numerusform>%n call waiting</numerusform>
            <numerusform>%n calls waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>longest wait %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n over the alert threshold</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s) signed in</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer incoming calls automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make me available at the be&amp;ginning of each of my permanences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;erver address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring &amp;volume:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera preview rate when &amp;idle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera o&amp;n before a permanence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up o&amp;utcomes (one per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment &amp;reminder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test my e&amp;quipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the ringtone once at this volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This setting is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Sign in to the switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tay signed in on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <source>Calls offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered within the target wait (%1 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trips avoided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kilometres not travelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg CO2e avoided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures of the permanences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the switchboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Connection lost: showing the last known state, reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The switchboard refused the live view: sign in again as a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong and this was not done. Try again; if it happens again, tell your support (the details are in the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard&apos;s answer could not be read: is the app up to date? Tell your support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard refused: this account may not see these figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired: please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard cannot be reached. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each answered call counts as one round trip by car avoided, from the kiosk&apos;s commune to the agency&apos;s nearest office. Road distance = straight-line distance × %1 (road factor); emissions = %2 kg CO2e per km (ADEME Base Carbone, average car). Both factors are set by the agency.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <source>Supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kiosks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1: a resident at %2 has waited more than %3 (now %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long wait</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call rang unanswered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break: a call rang unanswered. Press “Available” to take calls again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls ring here as residents ask for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call rings here for now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this call: available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this call: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this call: break (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this call: break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the switchboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Connection lost: trying again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ You signed in from another window or computer: this one stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong login or password. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network connection; if the problem persists, call your support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s security certificate is not valid: the connection was stopped for your safety. Call your support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired. Please enter your password again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not sign you in (server error). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address is not valid. It should look like wss://standard.example.fr/api/v1/ws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the server address, your login and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This copy of the app cannot connect to a switchboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session was closed by the switchboard: please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account was disabled: ask your supervisor or your support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account was changed (role or agency).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out from another computer, or your password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no password safe (keyring): you will be asked for your password at each start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password safe (keyring) is locked or refused to keep your session: you will be asked for your password at each start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the call went back to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call was not answered in time: it went back to the queue, and you were put on a break. Press “Available” to take calls again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>●●● Good connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>●●○ Weak connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>●○○ Bad connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○○○ Measuring quality…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be done now: you are “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong and this was not done. Try again; if it happens again, tell your support (the details are in the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk did not confirm the print: ask the resident if it came out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer is out of paper: nothing was printed. Ask the town hall&apos;s staff to refill it, then print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper is jammed in the kiosk&apos;s printer: nothing was printed. Ask the town hall&apos;s staff to clear it, then print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer does not respond: nothing was printed. Send the document by post or e-mail instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer failed: nothing was printed. Send the document by post or e-mail instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk refused this document: it is too large to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk could not read this document: choose a PDF or an image (PNG, JPEG), not protected by a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk is busy with another document: print again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the kiosk was interrupted during the sending: print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk refused this document: nothing was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera was found on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 is not plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 does not open: another program may be using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera does not open: another program may be using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 gives no picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera gives no picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 stopped responding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera stopped responding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras cannot be read on this computer (FFmpeg is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sound is not installed on this computer (PortAudio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sound system answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sound device was found on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default sound device does not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound device %1 does not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default sound device stopped responding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound device %1 stopped responding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen sound device is absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound device %1 is absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen sound device was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound device %1 was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the default one is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: silence is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident left before the call was answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The switchboard closed your session: please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call declined: it went back to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip: %1 ms · Packet loss: %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard cannot be reached right now; the app keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the service to transfer the resident to, or a colleague by name: the colleague gets the call first. The resident keeps their place in the queue by arrival time, and an appointment keeps its priority.</source>
        <translation>Choose the service to transfer the resident to, or a colleague by name: the colleague gets the call first. The resident keeps their place in the queue by arrival time, and an appointment keeps its priority.</translation>
    </message>
    <message>
        <source>Looking who is signed in…</source>
        <translation>Looking who is signed in…</translation>
    </message>
    <message>
        <source>Services of the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gets the call</source>
        <translation>Who gets the call</translation>
    </message>
    <message>
        <source>No other service is known to the switchboard yet, so the call cannot be transferred. Your supervisor can add services to the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switchboard did not say who is signed in right now: the call can still go to a service&apos;s queue.</source>
        <translation>The switchboard did not say who is signed in right now: the call can still go to a service&apos;s queue.</translation>
    </message>
    <message>
        <source>What the next agent should know (no personal data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the next agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who gets the call:</source>
        <translation>&amp;Who gets the call:</translation>
    </message>
    <message>
        <source>&amp;Note for the next agent (shown when the call rings):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone of the service: the queue, at the resident&apos;s place</source>
        <translation>Anyone of the service: the queue, at the resident&apos;s place</translation>
    </message>
    <message>
        <source>your service</source>
        <translation>your service</translation>
    </message>
    <message numerus="yes">
        <source>%n colleague(s) signed in</source>
        <translation>
            <numerusform>%n colleague signed in</numerusform>
            <numerusform>%n colleagues signed in</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody signed in</source>
        <translation>nobody signed in</translation>
    </message>
    <message>
        <source>Signed in now: %1</source>
        <translation>Signed in now: %1</translation>
    </message>
    <message>
        <source>Nobody else staffs your service now: the call stays with you.</source>
        <translation>Nobody else staffs your service now: the call stays with you.</translation>
    </message>
    <message>
        <source>Nobody staffs this service now: the resident will wait in its queue until someone signs in.</source>
        <translation>Nobody staffs this service now: the resident will wait in its queue until someone signs in.</translation>
    </message>
    <message>
        <source>Its next permanence opens %1 at %2.</source>
        <translation>Its next permanence opens %1 at %2.</translation>
    </message>
    <message>
        <source>No permanence of this service is planned.</source>
        <translation>No permanence of this service is planned.</translation>
    </message>
    <message>
        <source>%1 took the call you transferred.</source>
        <translation>%1 took the call you transferred.</translation>
    </message>
    <message>
        <source>%1 declined the call: it is back in the queue, at the resident&apos;s place.</source>
        <translation>%1 declined the call: it is back in the queue, at the resident&apos;s place.</translation>
    </message>
    <message>
        <source>%1 did not answer the call: it is back in the queue, at the resident&apos;s place.</source>
        <translation>%1 did not answer the call: it is back in the queue, at the resident&apos;s place.</translation>
    </message>
    <message>
        <source>%1 was not available: the call waits in the queue, at the resident&apos;s place.</source>
        <translation>%1 was not available: the call waits in the queue, at the resident&apos;s place.</translation>
    </message>
    <message>
        <source>The resident left before %1 could answer.</source>
        <translation>The resident left before %1 could answer.</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done, what follows (no personal data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the outcome and become available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) of this call are not saved and will be erased from this computer. Finish anyway?</source>
        <translation>
            <numerusform>%n document of this call is not saved and will be erased from this computer. Finish anyway?</numerusform>
            <numerusform>%n documents of this call are not saved and will be erased from this computer. Finish anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · duration %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up time: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
