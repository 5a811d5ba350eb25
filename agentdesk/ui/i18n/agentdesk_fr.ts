<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en_GB">
<context>
    <name>AgentTray</name>
    <message>
        <source>AgentDesk: %1</source>
        <translation>AgentDesk : %1</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>the whole file</source>
        <translation>le fichier entier</translation>
    </message>
    <message>
        <source>Some settings were damaged and were reset to their defaults: %1.</source>
        <translation>Certains paramètres étaient endommagés et ont été remis à leur valeur par défaut : %1.</translation>
    </message>
    <message>
        <source>A copy was kept in %1.</source>
        <translation>Une copie a été conservée dans %1.</translation>
    </message>
    <message>
        <source>AgentDesk stopped during a call from %1 (%2). The switchboard put the resident back at the head of the queue: they will be offered to the next available agent.</source>
        <translation>AgentDesk s’est arrêté pendant un appel de %1 (%2). Le standard a remis l’usager en tête de file : il sera proposé au prochain agent disponible.</translation>
    </message>
</context>
<context>
    <name>AppointmentsDialog</name>
    <message>
        <source>Appointments</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>&amp;Mine only</source>
        <translation>Les &amp;miens seulement</translation>
    </message>
    <message>
        <source>No appointment on this day</source>
        <translation>Aucun rendez-vous ce jour-là</translation>
    </message>
    <message>
        <source>Every kiosk</source>
        <translation>Toutes les bornes</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Usager</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>Mo&amp;difier…</translation>
    </message>
    <message>
        <source>Cancel the &amp;appointment</source>
        <translation>&amp;Annuler le rendez-vous</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Cancel the appointment</source>
        <translation>Annuler le rendez-vous</translation>
    </message>
    <message>
        <source>Cancel the appointment of %1 at %2?</source>
        <translation>Annuler le rendez-vous de %1 à %2 ?</translation>
    </message>
</context>
<context>
    <name>Booking</name>
    <message>
        <source>Choose the service.</source>
        <translation>Choisissez le service.</translation>
    </message>
    <message>
        <source>Choose the kiosk.</source>
        <translation>Choisissez la borne.</translation>
    </message>
    <message>
        <source>Write the resident&apos;s name.</source>
        <translation>Indiquez le nom de l&apos;usager.</translation>
    </message>
    <message>
        <source>Write the purpose of the appointment.</source>
        <translation>Indiquez l&apos;objet du rendez-vous.</translation>
    </message>
    <message>
        <source>The name or the purpose is too long: keep it short.</source>
        <translation>Le nom ou l&apos;objet est trop long : restez bref.</translation>
    </message>
    <message>
        <source>No identification number here (allocataire, social security, tax): the name and the purpose are enough.</source>
        <translation>Pas de numéro d&apos;identification ici (allocataire, sécurité sociale, fiscal) : le nom et l&apos;objet suffisent.</translation>
    </message>
    <message>
        <source>Choose a length between 5 and 240 min.</source>
        <translation>Choisissez une durée entre 5 et 240 min.</translation>
    </message>
    <message>
        <source>This time has already passed.</source>
        <translation>Cette heure est déjà passée.</translation>
    </message>
    <message>
        <source>The service holds no permanence at this kiosk at that time.</source>
        <translation>Le service ne tient pas de permanence à cette borne à cette heure-là.</translation>
    </message>
    <message>
        <source>Its next opening: %1 at %2.</source>
        <translation>Prochaine ouverture : %1 à %2.</translation>
    </message>
    <message>
        <source>The kiosk, the service or the appointment no longer exists.</source>
        <translation>La borne, le service ou le rendez-vous n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Your account may not book for this service.</source>
        <translation>Votre compte ne peut pas prendre de rendez-vous pour ce service.</translation>
    </message>
    <message>
        <source>The switchboard cannot be reached: try again in a moment.</source>
        <translation>Le standard est injoignable : réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Appointment booked for %1 on %2 at %3. Check-in code to give the resident: %4.</source>
        <translation>Rendez-vous enregistré pour %1 le %2 à %3. Code de présence à donner à l&apos;usager : %4.</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Change the appointment</source>
        <translation>Modifier le rendez-vous</translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation>Prendre un rendez-vous</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;Kiosk:</source>
        <translation>&amp;Borne :</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Heure :</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Durée :</translation>
    </message>
    <message>
        <source>Resident&apos;s &amp;name:</source>
        <translation>&amp;Nom de l&apos;usager :</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>&amp;Agent:</source>
        <translation>&amp;Agent :</translation>
    </message>
    <message>
        <source>As the resident gives it, e.g. Mme Martin</source>
        <translation>Tel que l&apos;usager le donne, p. ex. Mme Martin</translation>
    </message>
    <message>
        <source>e.g. Prime d&apos;activité: renewal</source>
        <translation>p. ex. Prime d&apos;activité : renouvellement</translation>
    </message>
    <message>
        <source>Any agent of the service</source>
        <translation>Tout agent du service</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation>◀ Semaine &amp;précédente</translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation>Semaine &amp;suivante ▶</translation>
    </message>
    <message>
        <source>C&amp;opy this week&apos;s sessions to the next week</source>
        <translation>C&amp;opier les séances de cette semaine sur la suivante</translation>
    </message>
    <message>
        <source>One-off sessions are copied; weekly permanences repeat by themselves</source>
        <translation>Les séances ponctuelles sont copiées ; les permanences hebdomadaires se répètent d&apos;elles-mêmes</translation>
    </message>
    <message>
        <source>&amp;Add a permanence…</source>
        <translation>&amp;Ajouter une permanence…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>S&amp;upprimer</translation>
    </message>
    <message>
        <source>Add a c&amp;losure…</source>
        <translation>Ajouter une &amp;fermeture…</translation>
    </message>
    <message>
        <source>Remove the closure</source>
        <translation>Supprimer la fermeture</translation>
    </message>
    <message>
        <source>A&amp;ppointments…</source>
        <translation>&amp;Rendez-vous…</translation>
    </message>
    <message>
        <source>Close &amp;now…</source>
        <translation>Fermer &amp;maintenant…</translation>
    </message>
    <message>
        <source>Closes the service at every kiosk until its next slot</source>
        <translation>Ferme le service à toutes les bornes jusqu&apos;à sa prochaine permanence</translation>
    </message>
    <message>
        <source>↻ every week · the others once · public holidays included</source>
        <translation>↻ chaque semaine · les autres une seule fois · jours fériés compris</translation>
    </message>
    <message>
        <source>Close %1 now, at every kiosk, until its next slot? Nobody is waiting.</source>
        <translation>Fermer %1 maintenant, à toutes les bornes, jusqu&apos;à sa prochaine permanence ? Personne n&apos;attend.</translation>
    </message>
    <message>
        <source>Close %1 now, at every kiosk, until its next slot? %2 resident(s) waiting: each will be told the next opening.</source>
        <translation>Fermer %1 maintenant, à toutes les bornes, jusqu&apos;à sa prochaine permanence ? %2 usager(s) en attente : chacun sera prévenu de la prochaine ouverture.</translation>
    </message>
    <message>
        <source>Close the service now</source>
        <translation>Fermer le service maintenant</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Week of %1 (%2)</source>
        <translation>Semaine du %1 (%2)</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Fermé : %1</translation>
    </message>
    <message>
        <source>This slot overlaps the %1 permanence of %2, %3–%4.</source>
        <translation>Ce créneau chevauche la permanence %1 du %2, %3–%4.</translation>
    </message>
    <message>
        <source>Write the reason of the closure.</source>
        <translation>Indiquez le motif de la fermeture.</translation>
    </message>
    <message>
        <source>%1 session(s) copied to the next week.</source>
        <translation>Séance(s) copiée(s) sur la semaine suivante : %1.</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Waiting for the resident&apos;s picture…</source>
        <translation>En attente de l&apos;image de l&apos;usager…</translation>
    </message>
    <message>
        <source>Your camera</source>
        <translation>Votre caméra</translation>
    </message>
    <message>
        <source>Resident&apos;s video</source>
        <translation>Vidéo de l&apos;usager</translation>
    </message>
    <message>
        <source>Your own picture</source>
        <translation>Votre propre image</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>&amp;Transférer…</translation>
    </message>
    <message>
        <source>&amp;Hang up</source>
        <translation>&amp;Raccrocher</translation>
    </message>
    <message>
        <source>The resident stops hearing you</source>
        <translation>L&apos;usager ne vous entend plus</translation>
    </message>
    <message>
        <source>Send the resident to another service&apos;s queue</source>
        <translation>Envoyer l&apos;usager dans la file d&apos;un autre service</translation>
    </message>
    <message>
        <source>End the call</source>
        <translation>Terminer l&apos;appel</translation>
    </message>
    <message>
        <source>Stop sending your picture at once (Ctrl+Shift+V)</source>
        <translation>Ne plus envoyer votre image, immédiatement (Ctrl+Maj+V)</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Raccrocher</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) of this call are not saved. They will be erased from this computer at the end of the wrap-up. Hang up anyway?</source>
        <translation>
            <numerusform>%n document de cet appel n&apos;est pas enregistré. Il sera effacé de cet ordinateur à la fin de l&apos;appel. Raccrocher quand même ?</numerusform>
            <numerusform>%n documents de cet appel ne sont pas enregistrés. Ils seront effacés de cet ordinateur à la fin de l&apos;appel. Raccrocher quand même ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Call time: %1</source>
        <translation>Durée : %1</translation>
    </message>
    <message>
        <source>Un&amp;mute microphone</source>
        <translation>Rétablir le &amp;micro</translation>
    </message>
    <message>
        <source>&amp;Mute microphone</source>
        <translation>Couper le &amp;micro</translation>
    </message>
    <message>
        <source>Show camera</source>
        <translation>Afficher la caméra</translation>
    </message>
    <message>
        <source>Cover camera</source>
        <translation>Masquer la caméra</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <source>✔ Appointment (due)</source>
        <translation>✔ Rendez-vous : c&apos;est l&apos;heure</translation>
    </message>
    <message>
        <source>✔ Appointment</source>
        <translation>✔ Rendez-vous</translation>
    </message>
    <message>
        <source>Waiting longer than the agency&apos;s alert threshold</source>
        <translation>Attente au-delà du seuil d&apos;alerte de l&apos;organisme</translation>
    </message>
</context>
<context>
    <name>ClosureDialog</name>
    <message>
        <source>New closure</source>
        <translation>Nouvelle fermeture</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>The whole agency</source>
        <translation>Tout l&apos;organisme</translation>
    </message>
    <message>
        <source>e.g. Staff training</source>
        <translation>p. ex. Formation du personnel</translation>
    </message>
</context>
<context>
    <name>DayPanel</name>
    <message>
        <source>My permanences today</source>
        <translation>Mes permanences du jour</translation>
    </message>
    <message>
        <source>Booked residents</source>
        <translation>Usagers attendus (rendez-vous)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Kiosks</source>
        <translation>Bornes</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Usager</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Book an appointment…</source>
        <translation>Prendre un &amp;rendez-vous…</translation>
    </message>
    <message>
        <source>For a resident: service, kiosk, day and time</source>
        <translation>Pour un usager : service, borne, jour et heure</translation>
    </message>
    <message>
        <source>&amp;Appointments…</source>
        <translation>Les r&amp;endez-vous…</translation>
    </message>
    <message>
        <source>Any day&apos;s appointments: change, cancel</source>
        <translation>Les rendez-vous d&apos;un jour : modifier, annuler</translation>
    </message>
    <message>
        <source>No call reaches you now: press “Available” to receive calls.</source>
        <translation>Aucun appel ne vous parvient : appuyez sur « Disponible » pour recevoir des appels.</translation>
    </message>
    <message>
        <source>At the start of your permanences, press “Available” to receive calls (you chose to do it yourself).</source>
        <translation>Au début de vos permanences, appuyez sur « Disponible » pour recevoir des appels (vous avez choisi de le faire vous-même).</translation>
    </message>
    <message>
        <source>My day — %1</source>
        <translation>Ma journée — %1</translation>
    </message>
    <message>
        <source>No permanence today</source>
        <translation>Aucune permanence aujourd&apos;hui</translation>
    </message>
    <message>
        <source>No appointment today</source>
        <translation>Aucun rendez-vous aujourd&apos;hui</translation>
    </message>
    <message>
        <source>every kiosk</source>
        <translation>toutes les bornes</translation>
    </message>
    <message>
        <source>No permanence calendar for your services: calls may come all day.</source>
        <translation>Pas de calendrier de permanences pour vos services : les appels peuvent arriver toute la journée.</translation>
    </message>
    <message>
        <source>Loading your day…</source>
        <translation>Chargement de votre journée…</translation>
    </message>
    <message>
        <source>No permanence for you today; your camera is on for now.</source>
        <translation>Pas de permanence pour vous aujourd&apos;hui ; votre caméra est allumée pour l&apos;instant.</translation>
    </message>
    <message>
        <source>No permanence for you today: your camera stays off.</source>
        <translation>Pas de permanence pour vous aujourd&apos;hui : votre caméra reste éteinte.</translation>
    </message>
    <message>
        <source>On permanence until %1 (%2).</source>
        <translation>En permanence jusqu&apos;à %1 (%2).</translation>
    </message>
    <message>
        <source>Your permanences are over for today.</source>
        <translation>Vos permanences sont terminées pour aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Next permanence at %1 (%2).</source>
        <translation>Prochaine permanence à %1 (%2).</translation>
    </message>
    <message>
        <source>Next permanence at %1 (%2). Your camera opens at %3.</source>
        <translation>Prochaine permanence à %1 (%2). Votre caméra s&apos;allumera à %3.</translation>
    </message>
</context>
<context>
    <name>DayTexts</name>
    <message>
        <source>Your permanence starts at %1: your camera is on.</source>
        <translation>Votre permanence commence à %1 : votre caméra est allumée.</translation>
    </message>
    <message>
        <source>Your permanence has started: you are available until %1.</source>
        <translation>Votre permanence a commencé : vous êtes disponible jusqu&apos;à %1.</translation>
    </message>
    <message>
        <source>Permanence over: no new caller. Last calls to serve: %1.</source>
        <translation>Permanence terminée : plus de nouvel appel. Derniers appels à servir : %1.</translation>
    </message>
    <message>
        <source>Permanence over: you are offline and your camera is off until the next one.</source>
        <translation>Permanence terminée : vous êtes hors ligne et votre caméra est éteinte jusqu&apos;à la prochaine.</translation>
    </message>
    <message>
        <source>Appointment at %1: %2 at %3 (%4).</source>
        <translation>Rendez-vous à %1 : %2 à %3 (%4).</translation>
    </message>
    <message>
        <source>%1 has arrived at %2 for their %3 appointment: first in the queue.</source>
        <translation>%1 est arrivé(e) à %2 pour son rendez-vous de %3 : en tête de la file.</translation>
    </message>
    <message>
        <source>Your permanence has started (until %1): press “Available” when you want to receive calls.</source>
        <translation>Votre permanence a commencé (jusqu&apos;à %1) : appuyez sur « Disponible » quand vous voulez recevoir des appels.</translation>
    </message>
    <message>
        <source>Your permanence has started (until %1).</source>
        <translation>Votre permanence a commencé (jusqu&apos;à %1).</translation>
    </message>
    <message>
        <source>%1: open</source>
        <translation>%1 : ouvert</translation>
    </message>
    <message>
        <source>%1: open until %2</source>
        <translation>%1 : ouvert jusqu&apos;à %2</translation>
    </message>
    <message>
        <source>%1: open, no agent available yet</source>
        <translation>%1 : ouvert, aucun agent disponible pour l&apos;instant</translation>
    </message>
    <message>
        <source>%1: last calls (%2 waiting)</source>
        <translation>%1 : derniers appels (%2 en attente)</translation>
    </message>
    <message>
        <source>%1: closed</source>
        <translation>%1 : fermé</translation>
    </message>
    <message>
        <source>%1: closed, opens %2 at %3</source>
        <translation>%1 : fermé, ouvre %2 à %3</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>✔ Arrived</source>
        <translation>✔ Arrivé(e)</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Reçu(e)</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Absent(e)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>dimanche</translation>
    </message>
</context>
<context>
    <name>DeviceCheckDialog</name>
    <message>
        <source>Check your equipment</source>
        <translation>Vérifier votre matériel</translation>
    </message>
    <message>
        <source>Before your first call: your camera, microphone and speaker</source>
        <translation>Avant votre premier appel : votre caméra, votre micro et votre haut-parleur</translation>
    </message>
    <message>
        <source>Check that residents will see and hear you. Another device chosen here is tried at once. You can come back to this in the settings.</source>
        <translation>Vérifiez que les usagers vous verront et vous entendront. Un autre appareil choisi ici est essayé aussitôt. Vous retrouverez cette vérification dans les paramètres.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>&amp;Caméra :</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micro :</translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation>&amp;Haut-parleur :</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
</context>
<context>
    <name>DeviceCheckPanel</name>
    <message>
        <source>Camera starting…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
    <message>
        <source>Picture of the chosen camera</source>
        <translation>Image de la caméra choisie</translation>
    </message>
    <message>
        <source>Speak: this bar should move with your voice.</source>
        <translation>Parlez : cette barre doit bouger avec votre voix.</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du micro</translation>
    </message>
    <message>
        <source>⚠ No microphone found: residents would not hear you. Plug in a microphone or a headset, then choose it here.</source>
        <translation>⚠ Aucun micro trouvé : les usagers ne vous entendraient pas. Branchez un micro ou un casque, puis choisissez-le ici.</translation>
    </message>
    <message>
        <source>Play a test &amp;sound</source>
        <translation>Écouter un &amp;son de test</translation>
    </message>
    <message>
        <source>Plays the ringtone once on the chosen speaker, at the ring volume</source>
        <translation>Joue la sonnerie une fois sur le haut-parleur choisi, au volume de la sonnerie</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Ajuster</translation>
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation>Pi&amp;voter</translation>
    </message>
    <message>
        <source>Enlarge</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Show the whole page</source>
        <translation>Afficher la page entière</translation>
    </message>
    <message>
        <source>Turn a quarter to the right</source>
        <translation>Tourner d&apos;un quart vers la droite</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <source>Choose a document in the strip above.</source>
        <translation>Choisissez un document dans le bandeau ci-dessus.</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Document to print at the kiosk</source>
        <translation>Document à imprimer à la borne</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>PDF ou image (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Folder for the call&apos;s documents</source>
        <translation>Dossier pour les documents de l&apos;appel</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>scanner</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>imprimante</translation>
    </message>
    <message>
        <source>Kiosk — </source>
        <translation>Borne — </translation>
    </message>
    <message>
        <source>The kiosk&apos;s scanner does not respond: no scan will come. Ask the resident to show the document to the camera, or to send it another way.</source>
        <translation>Le scanner de la borne ne répond pas : aucun scan ne viendra. Demandez à l&apos;usager de montrer le document à la caméra, ou de l&apos;envoyer autrement.</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>en service</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>en cours d&apos;utilisation</translation>
    </message>
    <message>
        <source>paper jam</source>
        <translation>bourrage papier</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>plus de papier</translation>
    </message>
    <message>
        <source>not responding</source>
        <translation>ne répond pas</translation>
    </message>
    <message>
        <source>in error</source>
        <translation>en erreur</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Ask for a &amp;scan</source>
        <translation>D&amp;emander un scan</translation>
    </message>
    <message>
        <source>&amp;Print at the kiosk…</source>
        <translation>&amp;Imprimer à la borne…</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>Enre&amp;gistrer…</translation>
    </message>
    <message>
        <source>The kiosk asks the resident to place a document</source>
        <translation>La borne invite l&apos;usager à poser un document</translation>
    </message>
    <message>
        <source>Send a PDF or an image to the kiosk&apos;s printer</source>
        <translation>Envoyer un PDF ou une image à l&apos;imprimante de la borne</translation>
    </message>
    <message>
        <source>Save every received document in a folder you choose</source>
        <translation>Enregistrer tous les documents reçus dans un dossier de votre choix</translation>
    </message>
    <message>
        <source>Received documents</source>
        <translation>Documents reçus</translation>
    </message>
    <message>
        <source>Scan requested: the kiosk asks the resident…</source>
        <translation>Scan demandé : la borne sollicite l&apos;usager…</translation>
    </message>
    <message>
        <source>Sending %1 to the kiosk&apos;s printer…</source>
        <translation>Envoi de %1 à l&apos;imprimante de la borne…</translation>
    </message>
    <message>
        <source>%1 was not printed: %2</source>
        <translation>%1 n&apos;a pas été imprimé : %2</translation>
    </message>
    <message>
        <source>%1 was printed at the kiosk.</source>
        <translation>%1 a été imprimé à la borne.</translation>
    </message>
    <message>
        <source>The documents could not be saved in %1: %2</source>
        <translation>Les documents n&apos;ont pas pu être enregistrés dans %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) saved in %1.</source>
        <translation>
            <numerusform>%n document enregistré dans %1.</numerusform>
            <numerusform>%n documents enregistrés dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Arriving… %1 %</source>
        <translation>Réception… %1 %</translation>
    </message>
    <message>
        <source>⚠ Failed</source>
        <translation>⚠ Échec</translation>
    </message>
    <message>
        <source>✔ Saved</source>
        <translation>✔ Enregistré</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>This kind of document cannot be shown; save it to open it.</source>
        <translation>Ce type de document ne peut pas être affiché ; enregistrez-le pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>⚠ The kiosk finds this scan %1. « Ask for a scan » asks for another.</source>
        <translation>⚠ La borne trouve ce scan %1. « Demander un scan » en demande un autre.</translation>
    </message>
    <message>
        <source>⚠ The kiosk found this scan %1.</source>
        <translation>⚠ La borne a trouvé ce scan %1.</translation>
    </message>
    <message>
        <source>blurred</source>
        <translation>flou</translation>
    </message>
    <message>
        <source>too dark</source>
        <translation>trop sombre</translation>
    </message>
    <message>
        <source>too pale</source>
        <translation>trop pâle</translation>
    </message>
    <message>
        <source>crooked</source>
        <translation>de travers</translation>
    </message>
    <message>
        <source>cut off</source>
        <translation>coupé</translation>
    </message>
    <message>
        <source>too low in resolution</source>
        <translation>de trop basse résolution</translation>
    </message>
    <message>
        <source>%1 cannot be printed: choose a PDF or an image (PNG, JPEG).</source>
        <translation>%1 ne peut pas être imprimé : choisissez un PDF ou une image (PNG, JPEG).</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>%1 is too large to send (more than 20 MB).</source>
        <translation>%1 est trop volumineux pour l&apos;envoi (plus de 20 Mo).</translation>
    </message>
</context>
<context>
    <name>FigureTables</name>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Tous les appels</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Présentés</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondus</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonnés</translation>
    </message>
    <message>
        <source>Left after (mean)</source>
        <translation>Abandon après (moy.)</translation>
    </message>
    <message>
        <source>Left after (longest)</source>
        <translation>Abandon après (max.)</translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation>Attente moyenne</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Attente la plus longue</translation>
    </message>
    <message>
        <source>Answered within target</source>
        <translation>Répondus dans le délai</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Dans le délai cible</translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation>Durée moyenne d&apos;entretien</translation>
    </message>
    <message>
        <source>Talk legs</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <source>Rated well</source>
        <translation>Jugé bien</translation>
    </message>
    <message>
        <source>Rated so-so</source>
        <translation>Jugé moyen</translation>
    </message>
    <message>
        <source>Rated badly</source>
        <translation>Jugé mal</translation>
    </message>
    <message>
        <source>Round trip (km)</source>
        <translation>Aller-retour (km)</translation>
    </message>
    <message>
        <source>Km not travelled</source>
        <translation>Km évités</translation>
    </message>
    <message>
        <source>kg CO2e avoided</source>
        <translation>kg CO2e évités</translation>
    </message>
    <message>
        <source>Nearest office</source>
        <translation>Accueil le plus proche</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Honorés</translation>
    </message>
    <message>
        <source>Of which late</source>
        <translation>Dont en retard</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Absents</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Hours scheduled</source>
        <translation>Heures prévues</translation>
    </message>
    <message>
        <source>Hours staffed</source>
        <translation>Heures tenues</translation>
    </message>
    <message>
        <source>Refused (closed)</source>
        <translation>Refusés (fermé)</translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation>(non renseignée)</translation>
    </message>
    <message>
        <source>Permanence hours: %1 h scheduled, %2 h staffed (%3).</source>
        <translation>Heures de permanence : %1 h prévues, %2 h tenues (%3).</translation>
    </message>
    <message>
        <source>Callers refused because the service was closed: %1</source>
        <translation>Usagers refusés car le service était fermé : %1</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;French separators (; and decimal comma)</source>
        <translation>Séparateurs &amp;français (; et virgule décimale)</translation>
    </message>
    <message>
        <source>Printable &amp;PDF…</source>
        <translation>Rapport &amp;PDF imprimable…</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>Par service</translation>
    </message>
    <message>
        <source>By commune</source>
        <translation>Par commune</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>Par agent</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Suites données</translation>
    </message>
    <message>
        <source>Appointments and hours</source>
        <translation>Rendez-vous et heures</translation>
    </message>
    <message>
        <source>Calls offered</source>
        <translation>Appels présentés</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondus</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonnés</translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation>Attente moyenne</translation>
    </message>
    <message>
        <source>Answered within the target wait</source>
        <translation>Répondus dans le délai cible</translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation>Durée moyenne d&apos;entretien</translation>
    </message>
    <message>
        <source>Kilometres not travelled</source>
        <translation>Kilomètres évités</translation>
    </message>
    <message>
        <source>Residents satisfied</source>
        <translation>Usagers satisfaits</translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation>Chargement des chiffres…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>all services</source>
        <translation>tous les services</translation>
    </message>
    <message>
        <source>after %1 on average</source>
        <translation>après %1 en moyenne</translation>
    </message>
    <message>
        <source>longest %1</source>
        <translation>au plus %1</translation>
    </message>
    <message>
        <source>target: %1 min</source>
        <translation>cible : %1 min</translation>
    </message>
    <message>
        <source>%1 kg CO2e not emitted, %2 trips</source>
        <translation>%1 kg CO2e non émis, %2 trajets</translation>
    </message>
    <message>
        <source>No office set for the agency: distances cannot be computed.</source>
        <translation>Aucun accueil renseigné pour l&apos;organisme : les distances ne peuvent pas être calculées.</translation>
    </message>
    <message>
        <source>%1 well, %2 so-so, %3 badly</source>
        <translation>%1 bien, %2 moyen, %3 mal</translation>
    </message>
    <message>
        <source>Calls per hour of the day</source>
        <translation>Appels par heure de la journée</translation>
    </message>
    <message>
        <source>No call in this period</source>
        <translation>Aucun appel sur cette période</translation>
    </message>
    <message>
        <source>Mean wait by hour of arrival (minutes)</source>
        <translation>Attente moyenne selon l&apos;heure d&apos;arrivée (minutes)</translation>
    </message>
    <message>
        <source>No call answered in this period</source>
        <translation>Aucun appel répondu sur cette période</translation>
    </message>
    <message>
        <source>Calls per commune</source>
        <translation>Appels par commune</translation>
    </message>
    <message>
        <source>figures</source>
        <translation>chiffres</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>Exporter les chiffres</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Le fichier n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <source>Printable report</source>
        <translation>Rapport imprimable</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>The certificate authority file %1 named in %2 cannot be read: only public authorities are trusted. Tell your IT support.</source>
        <translation>Le fichier d&apos;autorité de certification %1 indiqué dans %2 est illisible : seules les autorités publiques sont reconnues. Prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The machine configuration %1 is damaged and was ignored (%2). Tell your IT support.</source>
        <translation>La configuration du poste %1 est abîmée et a été ignorée (%2). Prévenez votre support informatique.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>AgentDesk: first start</source>
        <translation>AgentDesk : premier démarrage</translation>
    </message>
    <message>
        <source>Which switchboard do you work with?</source>
        <translation>Avec quel standard travaillez-vous ?</translation>
    </message>
    <message>
        <source>Enter the address of your agency&apos;s switchboard, as your IT support gave it to you. It is checked before being saved.</source>
        <translation>Saisissez l&apos;adresse du standard de votre organisme, telle que votre support informatique vous l&apos;a donnée. Elle est vérifiée avant d&apos;être enregistrée.</translation>
    </message>
    <message>
        <source>&amp;Check and save</source>
        <translation>&amp;Vérifier et enregistrer</translation>
    </message>
    <message>
        <source>Enter the switchboard&apos;s address.</source>
        <translation>Saisissez l&apos;adresse du standard.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
</context>
<context>
    <name>FirstSignIn</name>
    <message>
        <source>Your permanences</source>
        <translation>Vos permanences</translation>
    </message>
    <message>
        <source>At the start of each of your permanences, make you available automatically?

Yes: recommended for agents.
No: you press “Available” yourself, as volunteers often prefer.

You can change this in the settings.</source>
        <translation>Au début de chacune de vos permanences, vous rendre disponible automatiquement ?

Oui : conseillé pour les agents.
Non : vous appuyez vous-même sur « Disponible », comme le préfèrent souvent les bénévoles.

Vous pourrez changer ce choix dans « Paramètres… ».</translation>
    </message>
</context>
<context>
    <name>FleetPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micro</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Next permanence</source>
        <translation>Prochaine permanence</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>The kiosks could not be read: %1</source>
        <translation>Les bornes n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message>
        <source>⚠ %1 kiosk(s) need attention before their permanence.</source>
        <translation>⚠ %1 borne(s) à vérifier avant leur permanence.</translation>
    </message>
    <message>
        <source>%1 kiosk(s), no alert.</source>
        <translation>%1 borne(s), aucune alerte.</translation>
    </message>
    <message>
        <source>● online since %1</source>
        <translation>● en ligne depuis le %1</translation>
    </message>
    <message>
        <source>○ never connected</source>
        <translation>○ jamais connectée</translation>
    </message>
    <message>
        <source>○ offline since %1</source>
        <translation>○ hors ligne depuis le %1</translation>
    </message>
    <message>
        <source>✔ ready</source>
        <translation>✔ prêt</translation>
    </message>
    <message>
        <source>✔ busy</source>
        <translation>✔ occupé</translation>
    </message>
    <message>
        <source>✘ paper jam</source>
        <translation>✘ bourrage papier</translation>
    </message>
    <message>
        <source>✘ out of paper</source>
        <translation>✘ plus de papier</translation>
    </message>
    <message>
        <source>✘ offline</source>
        <translation>✘ hors ligne</translation>
    </message>
    <message>
        <source>✘ error</source>
        <translation>✘ en erreur</translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation>%1 en cours</translation>
    </message>
    <message>
        <source>⚠ offline before its permanence</source>
        <translation>⚠ hors ligne avant sa permanence</translation>
    </message>
    <message>
        <source>⚠ a device is failing before its permanence</source>
        <translation>⚠ un appareil en panne avant sa permanence</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Today&apos;s calls</source>
        <translation>Appels du jour</translation>
    </message>
    <message>
        <source>No call yet today</source>
        <translation>Aucun appel aujourd&apos;hui pour l&apos;instant</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
</context>
<context>
    <name>IdlePreview</name>
    <message>
        <source>Your camera: this is what residents will see when you answer.</source>
        <translation>Votre caméra : c&apos;est ce que verront les usagers quand vous répondrez.</translation>
    </message>
    <message>
        <source>Camera starting…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
    <message>
        <source>Your camera is off: residents see nothing of you.</source>
        <translation>Votre caméra est éteinte : les usagers ne voient rien de vous.</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>Caméra éteinte</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>The agent asks you for a document</source>
        <translation>L&apos;agent vous demande un document</translation>
    </message>
    <message>
        <source>Lift the scanner&apos;s lid, lay your page face down in the top left corner, close the lid, then touch « Scan ».</source>
        <translation>Soulevez le couvercle du scanner, posez votre page face contre la vitre dans le coin en haut à gauche, refermez le couvercle, puis touchez « Scanner ».</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Numérisation en cours…</translation>
    </message>
    <message>
        <source>Do not lift the lid.</source>
        <translation>Ne soulevez pas le couvercle.</translation>
    </message>
    <message>
        <source>Is the page readable?</source>
        <translation>La page est-elle lisible ?</translation>
    </message>
    <message>
        <source>If it is, send it to the agent. If not, scan it again.</source>
        <translation>Si oui, envoyez-la à l&apos;agent. Sinon, scannez-la de nouveau.</translation>
    </message>
    <message>
        <source>Sending to the agent…</source>
        <translation>Envoi à l&apos;agent…</translation>
    </message>
    <message>
        <source>The agent has your document</source>
        <translation>L&apos;agent a bien reçu votre document</translation>
    </message>
    <message>
        <source>You may take your page back.</source>
        <translation>Vous pouvez reprendre votre page.</translation>
    </message>
    <message>
        <source>The scan did not work</source>
        <translation>Le scan n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Send to the agent</source>
        <translation>Envoyer à l&apos;agent</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>Scanner de nouveau</translation>
    </message>
    <message>
        <source>your agent</source>
        <translation>votre agent</translation>
    </message>
    <message>
        <source>You are talking with %1</source>
        <translation>Vous parlez avec %1</translation>
    </message>
    <message>
        <source>An agent is answering, one moment…</source>
        <translation>Un agent vous répond, un instant…</translation>
    </message>
    <message>
        <source>Microphone off — touch to speak again</source>
        <translation>Micro coupé — touchez pour parler de nouveau</translation>
    </message>
    <message>
        <source>Turn my microphone off</source>
        <translation>Couper mon micro</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Raccrocher</translation>
    </message>
    <message>
        <source>A document was printed for you: take it from the printer.</source>
        <translation>Un document a été imprimé pour vous : prenez-le dans l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Hello! Which service would you like to talk to?</source>
        <translation>Bonjour ! Avec quel service voulez-vous parler ?</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>J&apos;ai un rendez-vous</translation>
    </message>
    <message>
        <source>That did not work. Please try again or ask the reception desk.</source>
        <translation>Cela n&apos;a pas fonctionné. Réessayez ou demandez à l&apos;accueil.</translation>
    </message>
    <message>
        <source>Connecting to the agents&apos; switchboard…</source>
        <translation>Connexion au standard des agents…</translation>
    </message>
    <message>
        <source>Your appointment</source>
        <translation>Votre rendez-vous</translation>
    </message>
    <message>
        <source>Touch your first name, or type the 6-digit code you were given:</source>
        <translation>Touchez votre prénom, ou tapez le code à 6 chiffres qui vous a été donné :</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>This code was not recognised. Check it, or ask the reception desk.</source>
        <translation>Ce code n&apos;a pas été reconnu. Vérifiez-le, ou demandez à l&apos;accueil.</translation>
    </message>
    <message>
        <source>This service is closed now</source>
        <translation>Ce service est fermé en ce moment</translation>
    </message>
    <message>
        <source>Next opening: %1</source>
        <translation>Prochaine ouverture : %1</translation>
    </message>
    <message>
        <source>Please wait, an agent will answer you</source>
        <translation>Patientez, un agent va vous répondre</translation>
    </message>
    <message>
        <source>Leave the queue</source>
        <translation>Quitter la file d&apos;attente</translation>
    </message>
    <message>
        <source>The call is over. How did it go?</source>
        <translation>L&apos;appel est terminé. Comment cela s&apos;est-il passé ?</translation>
    </message>
    <message>
        <source>Well</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>So-so</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Badly</source>
        <translation>Mal</translation>
    </message>
    <message>
        <source>Do not answer</source>
        <translation>Ne pas répondre</translation>
    </message>
    <message>
        <source>Thank you, goodbye!</source>
        <translation>Merci, au revoir !</translation>
    </message>
    <message>
        <source>Your documents have been erased from this kiosk. Do not forget your prints.</source>
        <translation>Vos documents ont été effacés de cette borne. N&apos;oubliez pas vos impressions.</translation>
    </message>
    <message>
        <source>no opening planned yet</source>
        <translation>aucune ouverture prévue pour l&apos;instant</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Open — one agent connected</source>
        <translation>Ouvert — un agent connecté</translation>
    </message>
    <message>
        <source>Open — %1 agents connected</source>
        <translation>Ouvert — %1 agents connectés</translation>
    </message>
    <message>
        <source>Open — the agent is on their way</source>
        <translation>Ouvert — l&apos;agent arrive</translation>
    </message>
    <message>
        <source>Closing — next opening %1</source>
        <translation>Fermeture — prochaine ouverture %1</translation>
    </message>
    <message>
        <source>Closed%1 — next opening %2</source>
        <translation>Fermé%1 — prochaine ouverture %2</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>Vous êtes le suivant</translation>
    </message>
    <message>
        <source>You are number %1 in the queue</source>
        <translation>Vous êtes n° %1 dans la file d&apos;attente</translation>
    </message>
    <message>
        <source>No estimate yet: the agent is on their way.</source>
        <translation>Pas encore d&apos;estimation : l&apos;agent arrive.</translation>
    </message>
    <message>
        <source>Waiting time: about one minute.</source>
        <translation>Attente : environ une minute.</translation>
    </message>
    <message>
        <source>Waiting time: about %1 minutes.</source>
        <translation>Attente : environ %1 minutes.</translation>
    </message>
    <message>
        <source>Have your tax notice (avis d&apos;imposition) and your CAF number at hand.</source>
        <translation>Préparez votre avis d&apos;imposition et votre numéro d&apos;allocataire CAF.</translation>
    </message>
    <message>
        <source>Have your carte Vitale and your latest statements at hand.</source>
        <translation>Préparez votre carte Vitale et vos derniers relevés.</translation>
    </message>
    <message>
        <source>Have your MSA number and your latest statements at hand.</source>
        <translation>Préparez votre numéro MSA et vos derniers relevés.</translation>
    </message>
    <message>
        <source>Have your identity card and the letter that brings you at hand.</source>
        <translation>Préparez votre pièce d&apos;identité et le courrier qui vous amène.</translation>
    </message>
    <message>
        <source>Connection: good</source>
        <translation>Liaison : bonne</translation>
    </message>
    <message>
        <source>Connection: weak, the picture may freeze</source>
        <translation>Liaison : faible, l&apos;image peut se figer</translation>
    </message>
    <message>
        <source>Connection: bad, the agent may hear you cut</source>
        <translation>Liaison : mauvaise, l&apos;agent peut vous entendre par coupures</translation>
    </message>
    <message>
        <source>Connection: checking…</source>
        <translation>Liaison : vérification…</translation>
    </message>
    <message>
        <source>The paper is jammed in the scanner. Please tell the reception desk.</source>
        <translation>Le papier est coincé dans le scanner. Prévenez l&apos;accueil, s&apos;il vous plaît.</translation>
    </message>
    <message>
        <source>No page was found. Put your page in the scanner and try again.</source>
        <translation>Aucune page trouvée. Posez votre page dans le scanner et réessayez.</translation>
    </message>
    <message>
        <source>The scanner is not responding. Please tell the reception desk.</source>
        <translation>Le scanner ne répond pas. Prévenez l&apos;accueil, s&apos;il vous plaît.</translation>
    </message>
    <message>
        <source>The scanner is busy. Please try again in a moment.</source>
        <translation>Le scanner est occupé. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The paper is jammed in the printer. The agent has been told.</source>
        <translation>Le papier est coincé dans l&apos;imprimante. L&apos;agent est prévenu.</translation>
    </message>
    <message>
        <source>The printer is not responding. The agent has been told.</source>
        <translation>L&apos;imprimante ne répond pas. L&apos;agent est prévenu.</translation>
    </message>
    <message>
        <source>Your document could not be printed. The agent has been told.</source>
        <translation>Votre document n&apos;a pas pu être imprimé. L&apos;agent est prévenu.</translation>
    </message>
    <message>
        <source>The page looks blurred: press the lid down well and scan it again.</source>
        <translation>La page semble floue : appuyez bien sur le couvercle et scannez-la de nouveau.</translation>
    </message>
    <message>
        <source>The page looks too dark: close the lid and scan it again.</source>
        <translation>La page semble trop sombre : fermez le couvercle et scannez-la de nouveau.</translation>
    </message>
    <message>
        <source>The page looks too pale to read: scan it again.</source>
        <translation>La page semble trop pâle pour être lue : scannez-la de nouveau.</translation>
    </message>
    <message>
        <source>The page is crooked: lay it straight against the edge and scan it again.</source>
        <translation>La page est de travers : posez-la bien droite contre le bord et scannez-la de nouveau.</translation>
    </message>
    <message>
        <source>Part of the page is missing: put it in the top left corner and scan again.</source>
        <translation>Une partie de la page manque : posez-la dans le coin en haut à gauche et scannez de nouveau.</translation>
    </message>
    <message>
        <source>The scan is not sharp enough to read small print.</source>
        <translation>Le scan n&apos;est pas assez fin pour lire les petits caractères.</translation>
    </message>
    <message>
        <source>The printer has no paper left. The agent has been told.</source>
        <translation>L&apos;imprimante n&apos;a plus de papier. L&apos;agent est prévenu.</translation>
    </message>
    <message>
        <source>It did not work (%1). Please try again.</source>
        <translation>Cela n&apos;a pas fonctionné (%1). Réessayez.</translation>
    </message>
    <message>
        <source>Point Visio-Public</source>
        <translation>Point Visio-Public</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <source>Your agency has no service yet.</source>
        <translation>Votre organisme n&apos;a encore aucun service.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>AgentDesk — video desk</source>
        <translation>AgentDesk — guichet visio</translation>
    </message>
    <message>
        <source>My &amp;day</source>
        <translation>Ma &amp;journée</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;File d&apos;attente</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;calls</source>
        <translation>Appels du &amp;jour</translation>
    </message>
    <message>
        <source>My day, queue and today&apos;s calls</source>
        <translation>Ma journée, file d&apos;attente et appels du jour</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>Something unexpected happened. The app keeps running; the details were written to its log file.</source>
        <translation>Un problème inattendu est survenu. L&apos;application continue de fonctionner ; les détails ont été écrits dans son journal.</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>Ma journée</translation>
    </message>
    <message>
        <source>The connection was lost during the call from %1: the call went back to the head of the queue.</source>
        <translation>La connexion a été perdue pendant l&apos;appel de %1 : l&apos;appel est revenu en tête de la file.</translation>
    </message>
    <message>
        <source>Finish the call before signing out.</source>
        <translation>Terminez l&apos;appel avant de vous déconnecter.</translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation>Vous êtes déconnecté.</translation>
    </message>
    <message>
        <source>Booking needs a connection to the switchboard.</source>
        <translation>La prise de rendez-vous demande une connexion au standard.</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés : %1</translation>
    </message>
    <message>
        <source>AgentDesk</source>
        <translation>AgentDesk</translation>
    </message>
    <message>
        <source>AgentDesk keeps running here: calls still ring.</source>
        <translation>AgentDesk reste ouvert ici : les appels sonnent toujours.</translation>
    </message>
</context>
<context>
    <name>OfferPanel</name>
    <message>
        <source>☎ Incoming call</source>
        <translation>☎ Appel entrant</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accepter</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>Answer this call</source>
        <translation>Répondre à cet appel</translation>
    </message>
    <message>
        <source>The call goes back to the queue for another agent</source>
        <translation>L&apos;appel retourne dans la file pour un autre agent</translation>
    </message>
    <message>
        <source>Note from %1: %2</source>
        <translation>Note de %1 : %2</translation>
    </message>
    <message>
        <source>the previous agent</source>
        <translation>l&apos;agent précédent</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Appel entrant</translation>
    </message>
    <message numerus="yes">
        <source>Rings for %n more second(s)</source>
        <translation>
            <numerusform>Sonne encore %n seconde</numerusform>
            <numerusform>Sonne encore %n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PermanenceDialog</name>
    <message>
        <source>Change the permanence</source>
        <translation>Modifier la permanence</translation>
    </message>
    <message>
        <source>New permanence</source>
        <translation>Nouvelle permanence</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;Kiosks:</source>
        <translation>&amp;Bornes :</translation>
    </message>
    <message>
        <source>Repeats:</source>
        <translation>Fréquence :</translation>
    </message>
    <message>
        <source>&amp;Weekday:</source>
        <translation>&amp;Jour de la semaine :</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>Da&amp;te :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <source>A&amp;gents:</source>
        <translation>A&amp;gents :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note :</translation>
    </message>
    <message>
        <source>Every w&amp;eek</source>
        <translation>Chaque se&amp;maine</translation>
    </message>
    <message>
        <source>&amp;Once</source>
        <translation>&amp;Une fois</translation>
    </message>
    <message>
        <source>Kiosk ids, separated by commas (empty: every kiosk)</source>
        <translation>Identifiants de bornes, séparés par des virgules (vide : toutes les bornes)</translation>
    </message>
    <message>
        <source>Logins (empty: any agent of the service)</source>
        <translation>Identifiants (vide : tout agent du service)</translation>
    </message>
</context>
<context>
    <name>PresenceBar</name>
    <message>
        <source>&amp;Available</source>
        <translation>&amp;Disponible</translation>
    </message>
    <message>
        <source>&amp;Break</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>O&amp;ffline</source>
        <translation>&amp;Hors ligne</translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation>Paramètre&amp;s…</translation>
    </message>
    <message>
        <source>Stop sending your picture at once</source>
        <translation>Ne plus envoyer votre image, immédiatement</translation>
    </message>
    <message>
        <source>Server, devices, language, outcomes</source>
        <translation>Serveur, périphériques, langue, issues</translation>
    </message>
    <message>
        <source>⚠ No camera</source>
        <translation>⚠ Pas de caméra</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>○ Camera off</source>
        <translation>○ Caméra éteinte</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Receive calls (during a call: after it)</source>
        <translation>Recevoir des appels (pendant un appel : après celui-ci)</translation>
    </message>
    <message>
        <source>Stop receiving calls for a while, with a reason (during a call: after it)</source>
        <translation>Ne plus recevoir d&apos;appels un moment, avec un motif (pendant un appel : après celui-ci)</translation>
    </message>
    <message>
        <source>Stay signed in without receiving calls (during a call: after it)</source>
        <translation>Rester connecté sans recevoir d&apos;appels (pendant un appel : après celui-ci)</translation>
    </message>
    <message>
        <source>End your session on this computer</source>
        <translation>Fermer votre session sur cet ordinateur</translation>
    </message>
    <message>
        <source>▨ Camera covered</source>
        <translation>▨ Caméra masquée</translation>
    </message>
    <message>
        <source>● Camera on</source>
        <translation>● Caméra active</translation>
    </message>
    <message>
        <source>No camera works: the resident sees a test card saying so.</source>
        <translation>Aucune caméra ne fonctionne : le résident voit une mire qui l&apos;indique.</translation>
    </message>
    <message>
        <source>⚠ No microphone</source>
        <translation>⚠ Pas de micro</translation>
    </message>
    <message>
        <source>No microphone works: the resident hears silence.</source>
        <translation>Aucun micro ne fonctionne : le résident n&apos;entend rien.</translation>
    </message>
    <message>
        <source>Choose devices in the settings</source>
        <translation>Choisir les périphériques dans les paramètres</translation>
    </message>
    <message>
        <source>Show &amp;camera</source>
        <translation>Afficher la &amp;caméra</translation>
    </message>
    <message>
        <source>Cover &amp;camera</source>
        <translation>Masquer la &amp;caméra</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>No call waiting</source>
        <translation>Aucun appel en attente</translation>
    </message>
    <message>
        <source>Take the &amp;next call</source>
        <translation>Prendre l&apos;appel suiva&amp;nt</translation>
    </message>
    <message>
        <source>Take the se&amp;lected call</source>
        <translation>Prendre l&apos;appel sé&amp;lectionné</translation>
    </message>
    <message>
        <source>The call waiting longest (appointments first)</source>
        <translation>L&apos;appel qui attend depuis le plus longtemps (rendez-vous d&apos;abord)</translation>
    </message>
    <message>
        <source>The call chosen in the list (or press Enter on it)</source>
        <translation>L&apos;appel choisi dans la liste (ou appuyez sur Entrée dessus)</translation>
    </message>
    <message>
        <source>%1
(ringing)</source>
        <translation>%1
(sonne)</translation>
    </message>
    <message>
        <source>Waiting calls</source>
        <translation>Appels en attente</translation>
    </message>
    <message>
        <source>✔ Appointment</source>
        <translation>✔ Rendez-vous</translation>
    </message>
    <message>
        <source>✔ Appointment (due)</source>
        <translation>✔ Rendez-vous : c&apos;est l&apos;heure</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation>
            <numerusform>%n appel en attente</numerusform>
            <numerusform>%n appels en attente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Keep running in the &amp;tray</source>
        <translation>Garder dans la zone de &amp;notification</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>A call is ringing. Decline it and quit AgentDesk?</source>
        <translation>Un appel sonne. Le refuser et quitter AgentDesk ?</translation>
    </message>
    <message>
        <source>A call is in progress. End it and quit AgentDesk?</source>
        <translation>Un appel est en cours. Le terminer et quitter AgentDesk ?</translation>
    </message>
    <message>
        <source>The call is over; its wrap-up is not finished: it will be recorded as it stands. Quit AgentDesk?</source>
        <translation>L&apos;appel est terminé, mais pas sa clôture : elle sera enregistrée telle quelle. Quitter AgentDesk ?</translation>
    </message>
    <message>
        <source>You are on duty: once AgentDesk is closed, no call reaches you. Quit AgentDesk?</source>
        <translation>Vous êtes en service : une fois AgentDesk fermé, aucun appel ne vous parvient. Quitter AgentDesk ?</translation>
    </message>
    <message>
        <source>No call is ringing or in progress any more. Quit AgentDesk?</source>
        <translation>Plus aucun appel ne sonne ni n&apos;est en cours. Quitter AgentDesk ?</translation>
    </message>
    <message>
        <source>Or keep it running in the tray: calls still ring and its icon shows your state.</source>
        <translation>Ou gardez-le ouvert dans la zone de notification : les appels sonnent toujours et son icône montre votre état.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) are not saved and will be erased.</source>
        <translation>
            <numerusform>%n document n&apos;est pas enregistré et sera effacé.</numerusform>
            <numerusform>%n documents ne sont pas enregistrés et seront effacés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <source>Wrong login or password. Check them and try again.</source>
        <translation>Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.</translation>
    </message>
    <message>
        <source>Your account is disabled. Ask your supervisor or your support to enable it.</source>
        <translation>Votre compte est désactivé. Demandez à votre responsable ou à votre support de le réactiver.</translation>
    </message>
    <message>
        <source>Your account was changed (role or agency). Please sign in again.</source>
        <translation>Votre compte a été modifié (rôle ou organisme). Reconnectez-vous.</translation>
    </message>
    <message>
        <source>You were signed out (from this or another computer, or your password was changed). Please sign in again.</source>
        <translation>Vous avez été déconnecté (depuis cet ordinateur ou un autre, ou votre mot de passe a changé). Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Votre session a expiré. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>This kiosk&apos;s access was renewed: it needs its new device token.</source>
        <translation>L&apos;accès de cette borne a été renouvelé : elle a besoin de son nouveau jeton.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>Votre compte n&apos;est pas autorisé à faire cela.</translation>
    </message>
    <message>
        <source>A call is ringing: accept or decline it first.</source>
        <translation>Un appel sonne : acceptez-le ou refusez-le d&apos;abord.</translation>
    </message>
    <message>
        <source>This call no longer exists: the resident may have left.</source>
        <translation>Cet appel n&apos;existe plus : l&apos;usager est peut-être parti.</translation>
    </message>
    <message>
        <source>This is for a service you do not serve.</source>
        <translation>Cela concerne un service que vous n&apos;assurez pas.</translation>
    </message>
    <message>
        <source>Too late: another agent took this call, or it is ringing elsewhere.</source>
        <translation>Trop tard : un autre agent a pris cet appel, ou il sonne ailleurs.</translation>
    </message>
    <message>
        <source>The resident&apos;s kiosk has just lost its connection; the resident keeps their place. Try again in a moment.</source>
        <translation>La borne de l&apos;usager vient de perdre sa connexion ; l&apos;usager garde sa place. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Nobody is waiting right now.</source>
        <translation>Personne n&apos;attend pour le moment.</translation>
    </message>
    <message>
        <source>Finish your current call and its wrap-up first.</source>
        <translation>Terminez d&apos;abord votre appel en cours et sa clôture.</translation>
    </message>
    <message>
        <source>Too late: this call stopped ringing for you and went back to the queue.</source>
        <translation>Trop tard : cet appel a cessé de sonner chez vous et il est revenu dans la file.</translation>
    </message>
    <message>
        <source>This call is no longer in progress.</source>
        <translation>Cet appel n&apos;est plus en cours.</translation>
    </message>
    <message>
        <source>This wrap-up is already closed.</source>
        <translation>Cette clôture est déjà terminée.</translation>
    </message>
    <message>
        <source>This service does not exist on the switchboard (any more).</source>
        <translation>Ce service n&apos;existe pas (ou plus) sur le standard.</translation>
    </message>
    <message>
        <source>The call is already in this service: choose another one.</source>
        <translation>L&apos;appel est déjà dans ce service : choisissez-en un autre.</translation>
    </message>
    <message>
        <source>This call is already yours: choose a colleague or another service.</source>
        <translation>Cet appel est déjà le vôtre : choisissez un·e collègue ou un autre service.</translation>
    </message>
    <message>
        <source>Too many requests at once. Wait a moment and try again.</source>
        <translation>Trop de demandes à la fois. Attendez un instant et réessayez.</translation>
    </message>
    <message>
        <source>The service holds no permanence at this kiosk at that time.</source>
        <translation>Le service ne tient pas de permanence à cette borne à ce moment-là.</translation>
    </message>
    <message>
        <source>This appointment is no longer booked (cancelled, checked in or missed): it cannot be changed.</source>
        <translation>Ce rendez-vous n&apos;est plus réservé (annulé, usager arrivé ou absent) : il ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>This appointment no longer exists.</source>
        <translation>Ce rendez-vous n&apos;existe plus.</translation>
    </message>
    <message>
        <source>This kiosk does not exist on the switchboard (any more).</source>
        <translation>Cette borne n&apos;existe pas (ou plus) sur le standard.</translation>
    </message>
    <message>
        <source>This agent does not exist on the switchboard (any more).</source>
        <translation>Cet agent n&apos;existe pas (ou plus) sur le standard.</translation>
    </message>
    <message>
        <source>This agent does not serve this service.</source>
        <translation>Cet agent n&apos;assure pas ce service.</translation>
    </message>
    <message>
        <source>This slot overlaps another permanence of the same service at the same kiosk.</source>
        <translation>Ce créneau chevauche une autre permanence du même service à la même borne.</translation>
    </message>
    <message>
        <source>The end of the period must come after its start, within 400 days.</source>
        <translation>La fin de la période doit suivre son début, à 400 jours au plus.</translation>
    </message>
    <message>
        <source>Too many failed attempts from this computer. Try again in a few minutes.</source>
        <translation>Trop de tentatives échouées depuis cet ordinateur. Réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>Too many failed attempts from this computer. Try again in %1 min.</source>
        <translation>Trop de tentatives échouées depuis cet ordinateur. Réessayez dans %1 min.</translation>
    </message>
    <message>
        <source>Too late: the situation changed in the meantime. Please look again.</source>
        <translation>Trop tard : la situation a changé entre-temps. Regardez à nouveau.</translation>
    </message>
    <message>
        <source>This no longer exists: it may have ended in the meantime.</source>
        <translation>Cela n&apos;existe plus : c&apos;est peut-être terminé entre-temps.</translation>
    </message>
    <message>
        <source>The switchboard did not accept this request. Check what you entered and try again.</source>
        <translation>Le standard n&apos;a pas accepté cette demande. Vérifiez ce que vous avez saisi et réessayez.</translation>
    </message>
    <message>
        <source>This colleague is no longer signed in: choose another colleague, or the service&apos;s queue.</source>
        <translation>Ce·tte collègue n&apos;est plus connecté·e : choisissez un·e autre collègue, ou la file du service.</translation>
    </message>
    <message>
        <source>This service is closed at this kiosk now.</source>
        <translation>Ce service est fermé à cette borne en ce moment.</translation>
    </message>
    <message>
        <source>The switchboard could not do this. Try again; if it happens again, tell your support.</source>
        <translation>Le standard n&apos;a pas pu le faire. Réessayez ; si cela se reproduit, prévenez votre support.</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Haut-parleur</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Test call</source>
        <translation>Appel d&apos;essai</translation>
    </message>
    <message>
        <source>Picture on screen</source>
        <translation>Image à l&apos;écran</translation>
    </message>
    <message>
        <source>French language</source>
        <translation>Langue française</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>ATTENTION</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Verdict: %1 step(s) failed; fix them before taking calls.</source>
        <translation>Verdict : %1 étape(s) en échec ; à corriger avant de prendre des appels.</translation>
    </message>
    <message>
        <source>Verdict: ready for calls, with %1 warning(s).</source>
        <translation>Verdict : prêt pour les appels, avec %1 avertissement(s).</translation>
    </message>
    <message>
        <source>Verdict: everything works, ready for calls.</source>
        <translation>Verdict : tout fonctionne, prêt pour les appels.</translation>
    </message>
    <message>
        <source>AgentDesk %1: hardware test</source>
        <translation>AgentDesk %1 : test du matériel</translation>
    </message>
    <message>
        <source>No picture came from the camera within %1 s (%2).</source>
        <translation>Aucune image n&apos;est venue de la caméra en %1 s (%2).</translation>
    </message>
    <message>
        <source>Camera %1: picture received (%2).</source>
        <translation>Caméra %1 : image reçue (%2).</translation>
    </message>
    <message>
        <source>Test pattern (asked for instead of a camera): picture received (%1).</source>
        <translation>Mire de test (demandée à la place d&apos;une caméra) : image reçue (%1).</translation>
    </message>
    <message>
        <source>No camera could be opened.</source>
        <translation>Aucune caméra n&apos;a pu être ouverte.</translation>
    </message>
    <message>
        <source>%1 Residents would see a test pattern: plug in a camera, or choose another one in the settings.</source>
        <translation>%1 Les usagers verraient une mire de test : branchez une caméra, ou choisissez-en une autre dans les paramètres.</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>périphérique par défaut</translation>
    </message>
    <message>
        <source>No speaker could be opened: %1. Plug in a headset or speakers.</source>
        <translation>Aucun haut-parleur n&apos;a pu être ouvert : %1. Branchez un casque ou des haut-parleurs.</translation>
    </message>
    <message>
        <source>Speaker %1 opened but played nothing.</source>
        <translation>Le haut-parleur %1 s&apos;est ouvert mais n&apos;a rien joué.</translation>
    </message>
    <message>
        <source>Speaker %1: a %2 s tone was played (%3 frames). Did you hear it?</source>
        <translation>Haut-parleur %1 : un son de %2 s a été joué (%3 trames). L&apos;avez-vous entendu ?</translation>
    </message>
    <message>
        <source>No sound came from the microphone: %1.</source>
        <translation>Aucun son n&apos;est venu du micro : %1.</translation>
    </message>
    <message>
        <source>Microphone %1 sends only silence: is it muted?</source>
        <translation>Le microphone %1 n&apos;envoie que du silence : est-il coupé ?</translation>
    </message>
    <message>
        <source>it heard the test tone.</source>
        <translation>il a entendu le son de test.</translation>
    </message>
    <message>
        <source>it did not hear the test tone (normal with a headset).</source>
        <translation>il n&apos;a pas entendu le son de test (normal avec un casque).</translation>
    </message>
    <message>
        <source>Microphone %1: sound arrives (level %2 dBFS); %3</source>
        <translation>Microphone %1 : le son arrive (niveau %2 dBFS) ; %3</translation>
    </message>
    <message>
        <source>The loopback call did not connect within %1 s (state: %2).</source>
        <translation>L&apos;appel en boucle locale ne s&apos;est pas établi en %1 s (état : %2).</translation>
    </message>
    <message>
        <source>A test call on this computer works: picture and sound go through (set up in %1 ms, %2 image(s) received).</source>
        <translation>Un appel d&apos;essai sur cet ordinateur fonctionne : l&apos;image et le son passent (établi en %1 ms, %2 image(s) reçue(s)).</translation>
    </message>
    <message>
        <source>No video frame to display: the loopback call gave none.</source>
        <translation>Aucune image vidéo à afficher : l&apos;appel en boucle locale n&apos;en a donné aucune.</translation>
    </message>
    <message>
        <source>The video widget painted no frame.</source>
        <translation>L&apos;affichage vidéo n&apos;a peint aucune image.</translation>
    </message>
    <message>
        <source>The painted video is blank (%1 colours).</source>
        <translation>La vidéo affichée est vide (%1 couleurs).</translation>
    </message>
    <message>
        <source>The picture shows on screen (%1×%2).</source>
        <translation>L&apos;image s&apos;affiche à l&apos;écran (%1×%2).</translation>
    </message>
    <message>
        <source>The French translation is in place.</source>
        <translation>La traduction française est en place.</translation>
    </message>
    <message>
        <source>The French catalogue is missing or damaged: the app would show English.</source>
        <translation>Le catalogue français est absent ou abîmé : l&apos;application s&apos;afficherait en anglais.</translation>
    </message>
</context>
<context>
    <name>SelfTestDialog</name>
    <message>
        <source>Hardware test</source>
        <translation>Test du matériel</translation>
    </message>
    <message>
        <source>Testing the camera, the sound and a call… (about 5 s)</source>
        <translation>Test de la caméra, du son et d&apos;un appel… (environ 5 s)</translation>
    </message>
    <message>
        <source>The hardware test stopped before the end (code %1).</source>
        <translation>Le test du matériel s&apos;est arrêté avant la fin (code %1).</translation>
    </message>
    <message>
        <source>The hardware test could not be started.</source>
        <translation>Le test du matériel n&apos;a pas pu être lancé.</translation>
    </message>
</context>
<context>
    <name>ServiceBox</name>
    <message>
        <source>Waiting calls</source>
        <translation>Appels en attente</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Waiting calls of %1</source>
        <translation>Appels en attente de %1</translation>
    </message>
    <message>
        <source>Agents of %1</source>
        <translation>Agents de %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation>
            <numerusform>%n appel en attente</numerusform>
            <numerusform>%n appels en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>longest wait %1</source>
        <translation>attente la plus longue %1</translation>
    </message>
    <message numerus="yes">
        <source>%n over the alert threshold</source>
        <translation>
            <numerusform>%n au-delà du seuil d&apos;alerte</numerusform>
            <numerusform>%n au-delà du seuil d&apos;alerte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s) signed in</source>
        <translation>
            <numerusform>%n agent connecté</numerusform>
            <numerusform>%n agents connectés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>&amp;Answer incoming calls automatically</source>
        <translation>Répondre aut&amp;omatiquement aux appels</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> images/s</translation>
    </message>
    <message>
        <source>Make me available at the be&amp;ginning of each of my permanences</source>
        <translation>Me rendre &amp;disponible au début de chacune de mes permanences</translation>
    </message>
    <message>
        <source>S&amp;erver address:</source>
        <translation>Adresse du se&amp;rveur :</translation>
    </message>
    <message>
        <source>Ring &amp;volume:</source>
        <translation>&amp;Volume de la sonnerie :</translation>
    </message>
    <message>
        <source>Camera preview rate when &amp;idle:</source>
        <translation>Fréquence de l&apos;&amp;aperçu caméra au repos :</translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation>Ta&amp;ille du texte :</translation>
    </message>
    <message>
        <source>Camera o&amp;n before a permanence:</source>
        <translation>Caméra all&amp;umée avant une permanence :</translation>
    </message>
    <message>
        <source>Wrap-up o&amp;utcomes (one per line):</source>
        <translation>I&amp;ssues d&apos;appel (une par ligne) :</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> min avant</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>&amp;Caméra :</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micro :</translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation>&amp;Haut-parleur :</translation>
    </message>
    <message>
        <source>Appointment &amp;reminder:</source>
        <translation>Ra&amp;ppel de rendez-vous :</translation>
    </message>
    <message>
        <source>Test my e&amp;quipment</source>
        <translation>T&amp;ester mon matériel</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Pages des paramètres</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Call outcomes</source>
        <translation>Issues d&apos;appel</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Enre&amp;gistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>Play the ringtone once at this volume</source>
        <translation>Faire entendre la sonnerie une fois à ce volume</translation>
    </message>
    <message>
        <source>Ring volume</source>
        <translation>Volume de la sonnerie</translation>
    </message>
    <message>
        <source>This setting is not valid: %1</source>
        <translation>Ce paramètre n&apos;est pas valide : %1</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Sign in to the switchboard</source>
        <translation>Connexion au standard</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>Adresse du &amp;serveur :</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>S&amp;tay signed in on this computer</source>
        <translation>&amp;Rester connecté sur cet ordinateur</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <source>Calls offered</source>
        <translation>Appels présentés</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondus</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonnés</translation>
    </message>
    <message>
        <source>Mean wait</source>
        <translation>Attente moyenne</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Attente la plus longue</translation>
    </message>
    <message>
        <source>Answered within the target wait (%1 min)</source>
        <translation>Répondus dans le délai cible (%1 min)</translation>
    </message>
    <message>
        <source>Mean call length</source>
        <translation>Durée moyenne d&apos;entretien</translation>
    </message>
    <message>
        <source>Trips avoided</source>
        <translation>Trajets évités</translation>
    </message>
    <message>
        <source>Kilometres not travelled</source>
        <translation>Kilomètres évités</translation>
    </message>
    <message>
        <source>kg CO2e avoided</source>
        <translation>kg CO2e évités</translation>
    </message>
    <message>
        <source>Residents satisfied</source>
        <translation>Usagers satisfaits</translation>
    </message>
    <message>
        <source>Figures of the permanences</source>
        <translation>Chiffres des permanences</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>Par service</translation>
    </message>
    <message>
        <source>By commune</source>
        <translation>Par commune</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>Par agent</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Suites données</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier des permanences</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Connecting to the switchboard…</source>
        <translation>Connexion au standard…</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● En direct</translation>
    </message>
    <message>
        <source>⚠ Connection lost: showing the last known state, reconnecting…</source>
        <translation>⚠ Connexion perdue : dernier état connu affiché, reconnexion en cours…</translation>
    </message>
    <message>
        <source>⚠ The switchboard refused the live view: sign in again as a supervisor.</source>
        <translation>⚠ Le standard a refusé la vue en direct : reconnectez-vous en tant que superviseur.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Something went wrong and this was not done. Try again; if it happens again, tell your support (the details are in the log).</source>
        <translation>Un problème est survenu et rien n&apos;a été fait. Réessayez ; si cela se reproduit, prévenez votre support (le détail est dans le journal).</translation>
    </message>
    <message>
        <source>The switchboard&apos;s answer could not be read: is the app up to date? Tell your support.</source>
        <translation>La réponse du standard est illisible : l&apos;application est-elle à jour ? Prévenez votre support.</translation>
    </message>
    <message>
        <source>The switchboard refused: this account may not see these figures.</source>
        <translation>Le standard a refusé : ce compte ne peut pas voir ces chiffres.</translation>
    </message>
    <message>
        <source>Your session has expired: please sign in again.</source>
        <translation>Votre session a expiré : veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>The switchboard cannot be reached. Try again in a moment.</source>
        <translation>Le standard est injoignable. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Each answered call counts as one round trip by car avoided, from the kiosk&apos;s commune to the agency&apos;s nearest office. Road distance = straight-line distance × %1 (road factor); emissions = %2 kg CO2e per km (ADEME Base Carbone, average car). Both factors are set by the agency.</source>
        <translation>Chaque appel répondu compte pour un aller-retour en voiture évité, de la commune de la borne à l&apos;accueil le plus proche de l&apos;organisme. Distance routière = distance à vol d&apos;oiseau × %1 (facteur routier) ; émissions = %2 kg CO2e par km (ADEME Base Carbone, voiture moyenne). Les deux facteurs sont fixés par l&apos;organisme.</translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <source>Supervision</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>En &amp;direct</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Chiffres</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>&amp;Calendrier</translation>
    </message>
    <message>
        <source>&amp;Kiosks</source>
        <translation>&amp;Bornes</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Masquer</translation>
    </message>
    <message>
        <source>⚠ %1: a resident at %2 has waited more than %3 (now %4).</source>
        <translation>⚠ %1 : un usager à %2 attend depuis plus de %3 (maintenant %4).</translation>
    </message>
    <message>
        <source>Long wait</source>
        <translation>Attente longue</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Appel entrant</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>En appel</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Clôture</translation>
    </message>
    <message>
        <source>Short break</source>
        <translation>Courte pause</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>Case work</source>
        <translation>Traitement des dossiers</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Déjeuner</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>A call rang unanswered</source>
        <translation>Appel sans réponse</translation>
    </message>
    <message>
        <source>Break: a call rang unanswered. Press “Available” to take calls again.</source>
        <translation>En pause : un appel a sonné sans réponse. Appuyez sur « Disponible » pour reprendre les appels.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <source>Calls ring here as residents ask for them.</source>
        <translation>Les appels sonnent ici dès que des usagers les demandent.</translation>
    </message>
    <message>
        <source>No call rings here for now.</source>
        <translation>Aucun appel ne sonne ici pour l&apos;instant.</translation>
    </message>
    <message>
        <source>After this call: available</source>
        <translation>Après cet appel : disponible</translation>
    </message>
    <message>
        <source>After this call: offline</source>
        <translation>Après cet appel : hors ligne</translation>
    </message>
    <message>
        <source>After this call: break (%1)</source>
        <translation>Après cet appel : pause (%1)</translation>
    </message>
    <message>
        <source>After this call: break</source>
        <translation>Après cet appel : pause</translation>
    </message>
    <message>
        <source>Connected to the switchboard</source>
        <translation>Connecté au standard</translation>
    </message>
    <message>
        <source>Connecting to the switchboard…</source>
        <translation>Connexion au standard…</translation>
    </message>
    <message>
        <source>⚠ Connection lost: trying again…</source>
        <translation>⚠ Connexion perdue : nouvelle tentative…</translation>
    </message>
    <message>
        <source>⚠ You signed in from another window or computer: this one stopped.</source>
        <translation>⚠ Votre session a été ouverte depuis une autre fenêtre ou un autre poste : celle-ci est arrêtée.</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Wrong login or password. Check them and try again.</source>
        <translation>Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network connection; if the problem persists, call your support.</source>
        <translation>Le serveur est injoignable. Vérifiez l&apos;adresse et votre connexion réseau ; si le problème persiste, appelez votre support.</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate is not valid: the connection was stopped for your safety. Call your support.</source>
        <translation>Le certificat de sécurité du serveur n&apos;est pas valide : la connexion a été interrompue pour votre sécurité. Appelez votre support.</translation>
    </message>
    <message>
        <source>Your session has expired. Please enter your password again.</source>
        <translation>Votre session a expiré. Saisissez à nouveau votre mot de passe.</translation>
    </message>
    <message>
        <source>The server could not sign you in (server error). Try again later.</source>
        <translation>Le serveur n&apos;a pas pu vous connecter (erreur du serveur). Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The server address is not valid. It should look like wss://standard.example.fr/api/v1/ws</source>
        <translation>L&apos;adresse du serveur n&apos;est pas valide. Elle doit ressembler à wss://standard.example.fr/api/v1/ws</translation>
    </message>
    <message>
        <source>Fill in the server address, your login and your password.</source>
        <translation>Indiquez l&apos;adresse du serveur, votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <source>This copy of the app cannot connect to a switchboard.</source>
        <translation>Cette version de l&apos;application ne peut pas se connecter à un standard.</translation>
    </message>
    <message>
        <source>Your session was closed by the switchboard: please sign in again.</source>
        <translation>Votre session a été fermée par le standard : reconnectez-vous.</translation>
    </message>
    <message>
        <source>Your account was disabled: ask your supervisor or your support.</source>
        <translation>Votre compte a été désactivé : adressez-vous à votre responsable ou à votre support.</translation>
    </message>
    <message>
        <source>Your account was changed (role or agency).</source>
        <translation>Votre compte a été modifié (rôle ou organisme).</translation>
    </message>
    <message>
        <source>You were signed out from another computer, or your password was changed.</source>
        <translation>Vous avez été déconnecté depuis un autre ordinateur, ou votre mot de passe a changé.</translation>
    </message>
    <message>
        <source>This computer has no password safe (keyring): you will be asked for your password at each start.</source>
        <translation>Cet ordinateur n&apos;a pas de coffre à mots de passe (trousseau) : votre mot de passe vous sera demandé à chaque démarrage.</translation>
    </message>
    <message>
        <source>The password safe (keyring) is locked or refused to keep your session: you will be asked for your password at each start.</source>
        <translation>Le coffre à mots de passe (trousseau) est verrouillé ou a refusé de garder votre session : votre mot de passe vous sera demandé à chaque démarrage.</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>You hung up</source>
        <translation>Vous avez raccroché</translation>
    </message>
    <message>
        <source>The resident hung up</source>
        <translation>L&apos;usager a raccroché</translation>
    </message>
    <message>
        <source>Interrupted: the call went back to the queue</source>
        <translation>Interrompu : l&apos;appel est revenu dans la file</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transféré</translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation>Transféré vers %1</translation>
    </message>
    <message>
        <source>The call was not answered in time: it went back to the queue, and you were put on a break. Press “Available” to take calls again.</source>
        <translation>L&apos;appel n&apos;a pas été décroché à temps : il est retourné dans la file et vous êtes passé en pause. Appuyez sur « Disponible » pour reprendre les appels.</translation>
    </message>
    <message>
        <source>●●● Good connection</source>
        <translation>●●● Bonne connexion</translation>
    </message>
    <message>
        <source>●●○ Weak connection</source>
        <translation>●●○ Connexion faible</translation>
    </message>
    <message>
        <source>●○○ Bad connection</source>
        <translation>●○○ Mauvaise connexion</translation>
    </message>
    <message>
        <source>○○○ Measuring quality…</source>
        <translation>○○○ Mesure de la qualité…</translation>
    </message>
    <message>
        <source>This cannot be done now: you are “%1”.</source>
        <translation>Ce n&apos;est pas possible maintenant : vous êtes « %1 ».</translation>
    </message>
    <message>
        <source>Something went wrong and this was not done. Try again; if it happens again, tell your support (the details are in the log).</source>
        <translation>Un problème est survenu et rien n&apos;a été fait. Réessayez ; si cela se reproduit, prévenez votre support (le détail est dans le journal).</translation>
    </message>
    <message>
        <source>The kiosk did not confirm the print: ask the resident if it came out.</source>
        <translation>La borne n&apos;a pas confirmé l&apos;impression : demandez à l&apos;usager si la page est sortie.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer is out of paper: nothing was printed. Ask the town hall&apos;s staff to refill it, then print again.</source>
        <translation>L&apos;imprimante de la borne n&apos;a plus de papier : rien n&apos;a été imprimé. Demandez au personnel de la mairie d&apos;en remettre, puis imprimez à nouveau.</translation>
    </message>
    <message>
        <source>Paper is jammed in the kiosk&apos;s printer: nothing was printed. Ask the town hall&apos;s staff to clear it, then print again.</source>
        <translation>Du papier est coincé dans l&apos;imprimante de la borne : rien n&apos;a été imprimé. Demandez au personnel de la mairie de le retirer, puis imprimez à nouveau.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer does not respond: nothing was printed. Send the document by post or e-mail instead.</source>
        <translation>L&apos;imprimante de la borne ne répond pas : rien n&apos;a été imprimé. Envoyez plutôt le document par courrier ou par e-mail.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s printer failed: nothing was printed. Send the document by post or e-mail instead.</source>
        <translation>L&apos;imprimante de la borne est en panne : rien n&apos;a été imprimé. Envoyez plutôt le document par courrier ou par e-mail.</translation>
    </message>
    <message>
        <source>The kiosk refused this document: it is too large to print.</source>
        <translation>La borne a refusé ce document : il est trop volumineux pour être imprimé.</translation>
    </message>
    <message>
        <source>The kiosk could not read this document: choose a PDF or an image (PNG, JPEG), not protected by a password.</source>
        <translation>La borne n&apos;a pas pu lire ce document : choisissez un PDF ou une image (PNG, JPEG) non protégés par mot de passe.</translation>
    </message>
    <message>
        <source>The kiosk is busy with another document: print again in a moment.</source>
        <translation>La borne traite un autre document : imprimez à nouveau dans un instant.</translation>
    </message>
    <message>
        <source>The connection to the kiosk was interrupted during the sending: print again.</source>
        <translation>La connexion avec la borne a été interrompue pendant l&apos;envoi : imprimez à nouveau.</translation>
    </message>
    <message>
        <source>The kiosk refused this document: nothing was printed.</source>
        <translation>La borne a refusé ce document : rien n&apos;a été imprimé.</translation>
    </message>
    <message>
        <source>Appointment at %1</source>
        <translation>Rendez-vous de %1</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>No camera was found on this computer.</source>
        <translation>Aucune caméra n&apos;a été trouvée sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The camera %1 is not plugged in.</source>
        <translation>La caméra %1 n&apos;est pas branchée.</translation>
    </message>
    <message>
        <source>The camera is not plugged in.</source>
        <translation>La caméra n&apos;est pas branchée.</translation>
    </message>
    <message>
        <source>The camera %1 does not open: another program may be using it.</source>
        <translation>La caméra %1 ne s&apos;ouvre pas : un autre programme l&apos;utilise peut-être.</translation>
    </message>
    <message>
        <source>The camera does not open: another program may be using it.</source>
        <translation>La caméra ne s&apos;ouvre pas : un autre programme l&apos;utilise peut-être.</translation>
    </message>
    <message>
        <source>The camera %1 gives no picture.</source>
        <translation>La caméra %1 ne donne pas d&apos;image.</translation>
    </message>
    <message>
        <source>The camera gives no picture.</source>
        <translation>La caméra ne donne pas d&apos;image.</translation>
    </message>
    <message>
        <source>The camera %1 stopped responding.</source>
        <translation>La caméra %1 ne répond plus.</translation>
    </message>
    <message>
        <source>The camera stopped responding.</source>
        <translation>La caméra ne répond plus.</translation>
    </message>
    <message>
        <source>Cameras cannot be read on this computer (FFmpeg is missing).</source>
        <translation>Les caméras ne peuvent pas être lues sur cet ordinateur (FFmpeg manque).</translation>
    </message>
    <message>
        <source>sound is not installed on this computer (PortAudio)</source>
        <translation>le son n&apos;est pas installé sur cet ordinateur (PortAudio)</translation>
    </message>
    <message>
        <source>no sound system answers</source>
        <translation>aucun système de son ne répond</translation>
    </message>
    <message>
        <source>no sound device was found on this computer</source>
        <translation>aucun périphérique de son n&apos;a été trouvé sur cet ordinateur</translation>
    </message>
    <message>
        <source>the default sound device does not open</source>
        <translation>le périphérique de son par défaut ne s&apos;ouvre pas</translation>
    </message>
    <message>
        <source>the sound device %1 does not open</source>
        <translation>le périphérique de son %1 ne s&apos;ouvre pas</translation>
    </message>
    <message>
        <source>the default sound device stopped responding</source>
        <translation>le périphérique de son par défaut ne répond plus</translation>
    </message>
    <message>
        <source>the sound device %1 stopped responding</source>
        <translation>le périphérique de son %1 ne répond plus</translation>
    </message>
    <message>
        <source>the chosen sound device is absent</source>
        <translation>le périphérique de son choisi est absent</translation>
    </message>
    <message>
        <source>the sound device %1 is absent</source>
        <translation>le périphérique de son %1 est absent</translation>
    </message>
    <message>
        <source>the chosen sound device was lost</source>
        <translation>le périphérique de son choisi a été perdu</translation>
    </message>
    <message>
        <source>the sound device %1 was lost</source>
        <translation>le périphérique de son %1 a été perdu</translation>
    </message>
    <message>
        <source>%1: the default one is used.</source>
        <translation>%1 : celui par défaut est utilisé.</translation>
    </message>
    <message>
        <source>%1: silence is sent.</source>
        <translation>%1 : du silence est envoyé.</translation>
    </message>
    <message>
        <source>The resident left before the call was answered.</source>
        <translation>L&apos;usager est parti avant que l&apos;appel soit pris.</translation>
    </message>
    <message>
        <source>⚠ The switchboard closed your session: please sign in again.</source>
        <translation>⚠ Le standard a fermé votre session : reconnectez-vous.</translation>
    </message>
    <message>
        <source>Call declined: it went back to the queue.</source>
        <translation>Appel refusé : il est revenu dans la file.</translation>
    </message>
    <message>
        <source>Round trip: %1 ms · Packet loss: %2 %</source>
        <translation>Aller-retour : %1 ms · Pertes de paquets : %2 %</translation>
    </message>
    <message>
        <source>The switchboard cannot be reached right now; the app keeps trying.</source>
        <translation>Le standard est injoignable pour le moment ; l&apos;application continue d&apos;essayer.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer the call</source>
        <translation>Transférer l&apos;appel</translation>
    </message>
    <message>
        <source>Choose the service to transfer the resident to, or a colleague by name: the colleague gets the call first. The resident keeps their place in the queue by arrival time, and an appointment keeps its priority.</source>
        <translation>Choisissez le service vers lequel transférer l&apos;usager, ou un·e collègue par son nom : l&apos;appel lui est proposé en premier. L&apos;usager garde sa place dans la file selon son heure d&apos;arrivée, et un rendez-vous garde sa priorité.</translation>
    </message>
    <message>
        <source>Looking who is signed in…</source>
        <translation>Recherche des agents connectés…</translation>
    </message>
    <message>
        <source>Services of the network</source>
        <translation>Services du réseau</translation>
    </message>
    <message>
        <source>Who gets the call</source>
        <translation>Qui reçoit l&apos;appel</translation>
    </message>
    <message>
        <source>No other service is known to the switchboard yet, so the call cannot be transferred. Your supervisor can add services to the network.</source>
        <translation>Aucun autre service n&apos;est encore connu du standard : l&apos;appel ne peut pas être transféré. Votre superviseur peut ajouter des services au réseau.</translation>
    </message>
    <message>
        <source>The switchboard did not say who is signed in right now: the call can still go to a service&apos;s queue.</source>
        <translation>Le standard n&apos;a pas indiqué qui est connecté en ce moment : l&apos;appel peut quand même aller dans la file d&apos;un service.</translation>
    </message>
    <message>
        <source>What the next agent should know (no personal data)</source>
        <translation>Ce que l&apos;agent suivant doit savoir (sans donnée personnelle)</translation>
    </message>
    <message>
        <source>Note for the next agent</source>
        <translation>Note pour l&apos;agent suivant</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Transférer</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;Who gets the call:</source>
        <translation>&amp;Qui reçoit l&apos;appel :</translation>
    </message>
    <message>
        <source>&amp;Note for the next agent (shown when the call rings):</source>
        <translation>&amp;Note pour l&apos;agent suivant (affichée quand l&apos;appel sonne) :</translation>
    </message>
    <message>
        <source>Anyone of the service: the queue, at the resident&apos;s place</source>
        <translation>N&apos;importe quel agent du service : la file, à la place de l&apos;usager</translation>
    </message>
    <message>
        <source>your service</source>
        <translation>votre service</translation>
    </message>
    <message numerus="yes">
        <source>%n colleague(s) signed in</source>
        <translation>
            <numerusform>%n collègue connecté</numerusform>
            <numerusform>%n collègues connectés</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody signed in</source>
        <translation>personne n&apos;est connecté</translation>
    </message>
    <message>
        <source>Signed in now: %1</source>
        <translation>Connectés en ce moment : %1</translation>
    </message>
    <message>
        <source>Nobody else staffs your service now: the call stays with you.</source>
        <translation>Personne d&apos;autre ne tient votre service en ce moment : l&apos;appel reste avec vous.</translation>
    </message>
    <message>
        <source>Nobody staffs this service now: the resident will wait in its queue until someone signs in.</source>
        <translation>Personne ne tient ce service en ce moment : l&apos;usager attendra dans sa file qu&apos;un agent se connecte.</translation>
    </message>
    <message>
        <source>Its next permanence opens %1 at %2.</source>
        <translation>Sa prochaine permanence ouvre %1 à %2.</translation>
    </message>
    <message>
        <source>No permanence of this service is planned.</source>
        <translation>Aucune permanence de ce service n&apos;est prévue.</translation>
    </message>
    <message>
        <source>%1 took the call you transferred.</source>
        <translation>%1 a pris l&apos;appel que vous avez transféré.</translation>
    </message>
    <message>
        <source>%1 declined the call: it is back in the queue, at the resident&apos;s place.</source>
        <translation>%1 a refusé l&apos;appel : il est revenu dans la file, à la place de l&apos;usager.</translation>
    </message>
    <message>
        <source>%1 did not answer the call: it is back in the queue, at the resident&apos;s place.</source>
        <translation>%1 n&apos;a pas répondu : l&apos;appel est revenu dans la file, à la place de l&apos;usager.</translation>
    </message>
    <message>
        <source>%1 was not available: the call waits in the queue, at the resident&apos;s place.</source>
        <translation>%1 n&apos;était pas disponible : l&apos;appel attend dans la file, à la place de l&apos;usager.</translation>
    </message>
    <message>
        <source>The resident left before %1 could answer.</source>
        <translation>L&apos;usager est parti avant que %1 puisse répondre.</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Wrap-up</source>
        <translation>Clôture de l&apos;appel</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>Iss&amp;ue :</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ote :</translation>
    </message>
    <message>
        <source>What was done, what follows (no personal data)</source>
        <translation>Ce qui a été fait, la suite à donner (sans donnée personnelle)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Record the outcome and become available</source>
        <translation>Enregistrer l&apos;issue et redevenir disponible</translation>
    </message>
    <message>
        <source>Finish the wrap-up</source>
        <translation>Clôturer l&apos;appel</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) of this call are not saved and will be erased from this computer. Finish anyway?</source>
        <translation>
            <numerusform>%n document de cet appel n&apos;est pas enregistré et sera effacé de cet ordinateur. Terminer quand même ?</numerusform>
            <numerusform>%n documents de cet appel ne sont pas enregistrés et seront effacés de cet ordinateur. Terminer quand même ?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · duration %2</source>
        <translation>%1 · durée %2</translation>
    </message>
    <message>
        <source>Wrap-up time: %1</source>
        <translation>Durée de clôture : %1</translation>
    </message>
</context>
</TS>
